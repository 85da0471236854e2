package dev.m3search.query;

import dev.m3search.codecs.Leg;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The one order of a search's documents, and scores that carry it to any Lucene collector.
 *
 * <p>Documents are ordered by their score, equal scores by the legs in a given order (a fused
 * search: ColBERT, dense, sparse), and only documents equal on all of these by doc id. A
 * collector orders equal scores by doc id, which changes when segments merge, so each document that ranks below an equal score on the legs
 * gets its score lowered to the next float below the one before it: {@code searcher.search(query,
 * n)}, {@code from}/{@code size} paging and {@code searchAfter} then all see that order.
 */
final class Ranking {
  private Ranking() {}

  /**
   * The scores, lowered where a document ties the one before it on {@code scores} but not on its
   * legs. {@code legs[i]} may be null where no other document has score {@code scores[i]} (see
   * {@link #tied}).
   */
  static float[] separated(int[] docs, float[] scores, LegScores[] legs) {
    return separated(docs, scores, legs, FUSED_TIE_ORDER);
  }

  /** How a fused search orders equal scores: by the strongest leg first. */
  static final Leg[] FUSED_TIE_ORDER = {Leg.COLBERT, Leg.DENSE, Leg.SPARSE};

  /**
   * How a single-leg search orders equal scores: dense first, which costs a dot product per tied
   * document (MaxSim needs the query quantised for every segment), then ColBERT for the few
   * documents still tied.
   */
  static final Leg[] SINGLE_LEG_TIE_ORDER = {Leg.DENSE, Leg.COLBERT, Leg.SPARSE};

  /** As {@link #separated(int[], float[], LegScores[])}, equal scores ordered by the legs of {@code tieOrder}. */
  static float[] separated(int[] docs, float[] scores, LegScores[] legs, Leg[] tieOrder) {
    Integer[] order = new Integer[docs.length];
    Arrays.setAll(order, i -> i);
    Comparator<Integer> best = Comparator.comparingDouble(i -> -scores[i]);
    for (Leg leg : tieOrder) {
      best = best.thenComparingDouble(i -> legs[i] == null ? 0 : -legs[i].of(leg));
    }
    Arrays.sort(order, best.thenComparingInt(i -> docs[i]));
    float[] separated = scores.clone();
    for (int r = 1; r < order.length; r++) {
      int above = order[r - 1];
      int doc = order[r];
      if (scores[doc] == scores[above] && legs[doc] != null && legs[doc].equals(legs[above])) {
        separated[doc] = separated[above]; // equal on every leg: doc id order, as Lucene's
      } else {
        separated[doc] = Math.min(scores[doc], Math.nextDown(separated[above]));
      }
    }
    return separated;
  }

  /** Which documents share their score with another: the only ones whose legs the order needs. */
  static boolean[] tied(float[] scores) {
    float[] sorted = scores.clone();
    Arrays.sort(sorted);
    boolean[] tied = new boolean[scores.length];
    for (int i = 0; i < scores.length; i++) {
      int at = Arrays.binarySearch(sorted, scores[i]);
      tied[i] = (at > 0 && sorted[at - 1] == scores[i]) || (at + 1 < sorted.length && sorted[at + 1] == scores[i]);
    }
    return tied;
  }
}
