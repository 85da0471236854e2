package dev.m3search.eval.run;

import dev.m3search.query.Fusion;
import dev.m3search.query.LegWeights;

/** A fusion method with its weights, and the score it reached in a sweep. */
public record FusionSetting(String method, LegWeights weights, double score) {
  public Fusion fusion() {
    return Fusion.of(method, weights);
  }
}
