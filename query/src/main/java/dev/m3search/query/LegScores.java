package dev.m3search.query;

import dev.m3search.codecs.Leg;

/**
 * The score of one document on each leg: dense dot product, sparse score and ColBERT MaxSim; NaN for
 * a leg that was not scored (see {@link #only}).
 */
public record LegScores(float dense, float sparse, float colbert) {

  /** One leg's score, the others not computed: what a single-leg search's hit carries by default. */
  public static LegScores only(Leg leg, float score) {
    return new LegScores(
        leg == Leg.DENSE ? score : Float.NaN, leg == Leg.SPARSE ? score : Float.NaN, leg == Leg.COLBERT ? score : Float.NaN);
  }

  /** Whether this leg's score was computed. */
  public boolean has(Leg leg) {
    return !Float.isNaN(of(leg));
  }

  /** The score of the given leg. */
  public float of(Leg leg) {
    return switch (leg) {
      case DENSE -> dense;
      case SPARSE -> sparse;
      case COLBERT -> colbert;
    };
  }
}
