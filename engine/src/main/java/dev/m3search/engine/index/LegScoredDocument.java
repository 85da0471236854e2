package dev.m3search.engine.index;

import dev.m3search.query.FusionCandidate;
import dev.m3search.query.LegScores;

/** A candidate's document id with its score on each leg and the legs whose top list retrieved it. */
public record LegScoredDocument(String id, FusionCandidate candidate) {
  public LegScores legs() {
    return candidate.legs();
  }
}
