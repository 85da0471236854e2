package dev.m3search.codecs.lateinteraction;

import static dev.m3search.codecs.lateinteraction.DibitTokenLayout.DOC_BITS;

import java.io.IOException;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.ArrayUtil;

/**
 * MaxSim on {@link DibitTokenLayout}'s bit planes against a 4-bit query (as Lucene's {@code
 * DIBIT_QUERY_NIBBLE} encoding), the query's codes sliced into planes once: AND and popcount, one
 * SIMD lane per document token when {@link BitPlanes#VECTORIZED}.
 */
final class DibitMaxSim extends OptimizedScalarMaxSim {
  private static final int QUERY_BITS = 4;
  private final DibitTokenLayout layout;
  private final int words;
  /** {@code [query token][plane][word]}. */
  private final long[][][] planes;
  /** Code dot products of one query token with the document's tokens (scalar code only). */
  private int[] dots = new int[0];

  DibitMaxSim(DibitTokenLayout layout, float[][] query) {
    super(layout, query, QUERY_BITS);
    this.layout = layout;
    this.words = layout.words;
    this.planes = new long[queryTokens.length][][];
    for (int i = 0; i < planes.length; i++) {
      planes[i] = BitPlanes.queryPlanes(queryTokens[i].codes(), layout.dimension, QUERY_BITS);
    }
  }

  @Override
  public float sumOfMaxima(IndexInput in, int tokens) throws IOException {
    layout.read(in, tokens, document);
    if (dots.length < tokens + BitPlanes.PADDING) {
      dots = new int[ArrayUtil.oversize(tokens + BitPlanes.PADDING, Integer.BYTES)];
    }
    float sum = 0;
    for (int i = 0; i < queryTokens.length; i++) {
      QueryCodes q = queryTokens[i];
      float best;
      if (BitPlanes.VECTORIZED) {
        best = PanamaBitPlanes.maxEstimate(planes[i], q, document.planes, DOC_BITS, words, tokens, document);
      } else {
        BitPlanes.dotProducts(planes[i], document.planes, DOC_BITS, words, tokens, dots);
        best = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < tokens; j++) {
          best = Math.max(best, estimate(q, document, j, dots[j]));
        }
      }
      sum += centroidDots[i] + best;
    }
    return sum;
  }
}
