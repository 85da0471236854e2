package dev.m3search.query;

import dev.m3search.codecs.Leg;

/** The score of one document on each leg: dense dot product, sparse score and ColBERT MaxSim. */
public record LegScores(float dense, float sparse, float colbert) {

  /** The score of the given leg. */
  public float of(Leg leg) {
    return switch (leg) {
      case DENSE -> dense;
      case SPARSE -> sparse;
      case COLBERT -> colbert;
    };
  }
}
