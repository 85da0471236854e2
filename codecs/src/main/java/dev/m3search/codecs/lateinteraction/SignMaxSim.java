package dev.m3search.codecs.lateinteraction;

import dev.m3search.codecs.vectors.ReproducibleDotProduct;
import java.io.IOException;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.ArrayUtil;

/**
 * MaxSim on {@link SignTokenLayout}'s bits, a token reading back as {@code offset + scale ⊙ b}:
 * {@code q·d ≈ q·offset + (q ⊙ scale)·b}. The first term is one number per query token and
 * segment, the second a 4-bit quantised query against the bits, computed with AND and popcount
 * over {@link BitPlanes}.
 */
final class SignMaxSim implements MaxSimKernel {
  private static final int QUERY_BITS = 4;
  private final SignTokenLayout layout;
  private final int words;
  private final int m;
  /** {@code [query token][plane][word]} of each query token's {@code q ⊙ scale}. */
  private final long[][][] planes;
  private final float[] lower;
  private final float[] width;
  /** {@code q·offset} of each query token. */
  private final float[] constant;
  private long[] doc = new long[0];
  private float[] ones = new float[0];
  private float[] dots = new float[0];

  SignMaxSim(SignTokenLayout layout, float[][] query) {
    this.layout = layout;
    this.words = layout.words;
    int dimension = layout.dimension;
    float[] scale = layout.scale;
    m = query.length;
    float[] origin = new float[dimension]; // q ⊙ scale is quantised as it is, not around a centroid
    planes = new long[m][][];
    lower = new float[m];
    width = new float[m];
    constant = new float[m];
    for (int t = 0; t < m; t++) {
      float[] scaled = new float[dimension];
      for (int i = 0; i < dimension; i++) {
        scaled[i] = query[t][i] * scale[i];
      }
      QueryCodes codes = QueryCodes.of(scaled, origin, QUERY_BITS, dimension);
      planes[t] = BitPlanes.queryPlanes(codes.codes(), dimension, QUERY_BITS);
      lower[t] = codes.lower();
      width[t] = codes.width();
      constant[t] = ReproducibleDotProduct.dotProduct(query[t], layout.offset);
    }
  }

  @Override
  public float sumOfMaxima(IndexInput in, int tokens) throws IOException {
    doc = layout.read(in, tokens, doc);
    if (ones.length < tokens + BitPlanes.PADDING) {
      ones = new float[ArrayUtil.oversize(tokens + BitPlanes.PADDING, Float.BYTES)];
      dots = new float[ones.length];
    }
    BitPlanes.bitCounts(doc, 0, words, tokens, ones);
    float sum = 0;
    for (int t = 0; t < m; t++) {
      BitPlanes.dotProducts(planes[t], doc, 1, words, tokens, dots);
      float best = Float.NEGATIVE_INFINITY;
      float a = lower[t];
      float l = width[t];
      for (int j = 0; j < tokens; j++) {
        best = Math.max(best, a * ones[j] + l * dots[j]);
      }
      sum += constant[t] + best;
    }
    return sum;
  }
}
