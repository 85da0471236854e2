package dev.m3search.query;

import org.apache.lucene.util.VectorUtil;

/** ColBERT late interaction: the mean over query tokens of their best dot product in a document. */
public final class MaxSim {
  private MaxSim() {}

  /**
   * {@code (1/|q|) Σ_i max_j q_i·d_j}, as BGE-M3's {@code colbert_score}. Zero when either side
   * has no vectors.
   */
  public static float score(float[][] query, float[][] document) {
    if (query.length == 0 || document.length == 0) {
      return 0f;
    }
    double sum = 0;
    for (float[] q : query) {
      float best = Float.NEGATIVE_INFINITY;
      for (float[] d : document) {
        best = Math.max(best, VectorUtil.dotProduct(q, d));
      }
      sum += best;
    }
    return (float) (sum / query.length);
  }
}
