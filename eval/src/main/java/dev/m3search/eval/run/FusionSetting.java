package dev.m3search.eval.run;

import dev.m3search.query.Fusion;
import dev.m3search.query.LegWeights;

/**
 * A fusion method with its weights, as a sweep measured it.
 *
 * @param score the mean of {@link EvalOptions#SWEEP_TARGET} over the queries
 * @param gainLowerBound the lower bootstrap quantile of the mean gain over the best single leg (see
 *     {@link FusionSweep}); the sweep ranks by it
 */
public record FusionSetting(String method, LegWeights weights, double score, double gainLowerBound) {
  public Fusion fusion() {
    return Fusion.of(method, weights);
  }

  /**
   * Whether every leg has a weight, the ColBERT leg where the index has one: a setting without
   * one is another search mode, not a hybrid.
   */
  public boolean weighsEveryLeg(boolean colbertLeg) {
    return weights.dense() > 0 && weights.sparse() > 0 && (weights.colbert() > 0 || !colbertLeg);
  }
}
