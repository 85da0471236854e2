package dev.m3search.query;

import dev.m3search.codecs.Leg;
import java.util.Arrays;

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

  /** How a fused search orders equal scores: by the strongest leg first. */
  static final Leg[] FUSED_TIE_ORDER = {Leg.COLBERT, Leg.DENSE, Leg.SPARSE};

  /**
   * How a single-leg search orders equal scores: dense first, which costs a dot product per tied
   * document (MaxSim needs the query quantised for every segment), then ColBERT for the few
   * documents still tied.
   */
  static final Leg[] SINGLE_LEG_TIE_ORDER = {Leg.DENSE, Leg.COLBERT, Leg.SPARSE};

  /**
   * The scores, lowered where a document ties the one before it on {@code scores} but not on the
   * legs of {@code tieOrder}; {@code docs} are in increasing order, and {@code legs[i]} may be null
   * where no other document has score {@code scores[i]} (see {@link #tied}). {@code order} is
   * {@link #byScore} of the scores, which this turns into the ranking: the positions from first to
   * last.
   */
  static float[] separated(int[] docs, float[] scores, LegScores[] legs, Leg[] tieOrder, int[] order) {
    // only runs of equal scores need the legs (an insertion sort: runs are short); the rest is one primitive sort
    for (int start = 0, end; start < order.length; start = end) {
      end = start + 1;
      while (end < order.length && scores[order[end]] == scores[order[start]]) {
        end++;
      }
      for (int r = start + 1; r < end; r++) {
        int doc = order[r];
        int at = r;
        while (at > start && ranksAbove(doc, order[at - 1], docs, legs, tieOrder)) {
          order[at] = order[at - 1];
          at--;
        }
        order[at] = doc;
      }
    }
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

  /** Whether position {@code a} ranks above position {@code b}, of equal score, on the legs and then doc ids. */
  private static boolean ranksAbove(int a, int b, int[] docs, LegScores[] legs, Leg[] tieOrder) {
    for (Leg leg : tieOrder) {
      float la = legs[a] == null ? 0 : legs[a].of(leg);
      float lb = legs[b] == null ? 0 : legs[b].of(leg);
      if (la != lb) {
        return la > lb;
      }
    }
    return docs[a] < docs[b];
  }

  /**
   * The positions of {@code scores} from the best score to the worst, equal scores by position (by
   * doc id, where positions follow doc ids): the order a collector gives them, in one primitive sort.
   */
  static int[] byScore(float[] scores) {
    long[] keys = new long[scores.length];
    for (int i = 0; i < scores.length; i++) {
      int bits = Float.floatToIntBits(scores[i]);
      int ascending = bits ^ ((bits >> 31) & 0x7fffffff); // orders as the floats do
      keys[i] = ((long) ~ascending << 32) | i;
    }
    Arrays.sort(keys);
    int[] order = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      order[i] = (int) keys[i];
    }
    return order;
  }

  /**
   * Turns {@code order}, {@link #byScore} of scores that have since changed a little, into {@link
   * #byScore} of {@code scores}: an insertion sort, which costs one pass when few positions moved.
   */
  static void reorder(int[] order, float[] scores) {
    for (int r = 1; r < order.length; r++) {
      int position = order[r];
      int at = r;
      while (at > 0 && before(position, order[at - 1], scores)) {
        order[at] = order[at - 1];
        at--;
      }
      order[at] = position;
    }
  }

  /** Whether position {@code a} comes before {@code b} in {@link #byScore}: a higher score, or an equal one at a lower position. */
  private static boolean before(int a, int b, float[] scores) {
    return Float.compare(scores[a], scores[b]) > 0 || (Float.compare(scores[a], scores[b]) == 0 && a < b);
  }

  /**
   * Which documents share their score with another: the only ones whose legs the order needs.
   * {@code order} is {@link #byScore} of the scores.
   */
  static boolean[] tied(float[] scores, int[] order) {
    boolean[] tied = new boolean[scores.length];
    for (int r = 1; r < order.length; r++) {
      if (scores[order[r]] == scores[order[r - 1]]) {
        tied[order[r]] = tied[order[r - 1]] = true;
      }
    }
    return tied;
  }
}
