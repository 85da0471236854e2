package dev.m3search.query;

import dev.m3search.codecs.lateinteraction.SegmentMaxSim;

/** ColBERT late interaction of float vectors: the mean over query tokens of their best dot product in a document. */
public final class MaxSim {
  private MaxSim() {}

  /**
   * {@code (1/|q|) Σ_i max_j q_i·d_j}, as BGE-M3's {@code colbert_score}. Zero when either side
   * has no vectors. Indexed documents are scored on their codes by {@link SegmentMaxSim}.
   */
  public static float score(float[][] query, float[][] document) {
    return SegmentMaxSim.exact(query, document);
  }
}
