package dev.m3search.codecs.lateinteraction;

import dev.m3search.codecs.vectors.ReproducibleDotProduct;
import java.io.IOException;
import org.apache.lucene.document.LateInteractionField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReader;

/**
 * ColBERT late interaction of one query with the documents of one segment: {@code (1/|q|) Σ_i
 * max_j q_i·d_j}, as BGE-M3's {@code colbert_score}, document by document. Not a Lucene {@code
 * Scorer} (it iterates nothing): queries and rescorers call it for the documents they hold.
 */
@FunctionalInterface
public interface SegmentMaxSim {
  /**
   * The score of {@code doc} (segment doc id); 0 when it has no token vectors. Documents must come
   * in increasing order, except on fields of the late-interaction format, whose scorers take them
   * in any order (increasing is faster) and so serve several passes.
   */
  float score(int doc) throws IOException;

  /**
   * A first-pass estimate of {@link #score}, for ranking many documents before scoring the best of
   * them exactly; the score itself unless {@link #estimates}. Documents come as for {@link #score}
   * (the two methods share the scorer's position).
   */
  default float estimate(int doc) throws IOException {
    return score(doc);
  }

  /** Whether {@link #estimate} is cheaper than {@link #score} (and may differ from it). */
  default boolean estimates() {
    return false;
  }

  /**
   * MaxSim for {@code field} of {@code reader}: on the codes when the field is stored by the
   * late-interaction format, otherwise by decoding each document's {@link LateInteractionField}
   * bytes (fields written by other formats).
   */
  static SegmentMaxSim create(LeafReader reader, String field, float[][] query) throws IOException {
    BinaryDocValues values = reader.getBinaryDocValues(field);
    if (values == null || query.length == 0) {
      return doc -> 0f;
    }
    if (values instanceof TokenVectorValues tokens) {
      return tokens.maxSim(query);
    }
    return doc -> values.advanceExact(doc) ? exact(query, LateInteractionField.decode(values.binaryValue())) : 0f;
  }

  /** MaxSim of float vectors. Zero when either side has no vectors. */
  static float exact(float[][] query, float[][] document) {
    if (query.length == 0 || document.length == 0) {
      return 0f;
    }
    double sum = 0;
    for (float[] q : query) {
      float best = Float.NEGATIVE_INFINITY;
      for (float[] d : document) {
        best = Math.max(best, ReproducibleDotProduct.dotProduct(q, d));
      }
      sum += best;
    }
    return (float) (sum / query.length);
  }
}
