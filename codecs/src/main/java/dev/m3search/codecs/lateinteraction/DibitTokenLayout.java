package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;

/**
 * {@link TokenVectorMode#BIT2}: 2-bit optimised scalar codes kept as two {@link BitPlanes}, scored
 * against a 4-bit query (as Lucene's {@code DIBIT_QUERY_NIBBLE} encoding) with AND and popcount.
 */
final class DibitTokenLayout extends OptimizedScalarTokenLayout {
  private static final int DOC_BITS = 2;
  private static final int QUERY_BITS = 4;
  private final int words;

  DibitTokenLayout(int dimension) {
    super(dimension, DOC_BITS, QUERY_BITS);
    this.words = BitPlanes.words(dimension);
  }

  @Override
  int discreteDimensions() {
    return dimension;
  }

  @Override
  int bytesPerToken() {
    return DOC_BITS * words * Long.BYTES + CORRECTION_BYTES;
  }

  @Override
  void writeCodes(byte[][] codes, DataOutput out) throws IOException {
    long[] planes = new long[DOC_BITS * words * codes.length];
    for (int j = 0; j < codes.length; j++) {
      BitPlanes.scatter(codes[j], dimension, DOC_BITS, planes, codes.length, j);
    }
    for (long word : planes) {
      out.writeLong(word);
    }
  }

  @Override
  void readCodes(IndexInput in, int tokens, Scratch scratch) throws IOException {
    int longs = DOC_BITS * words * tokens;
    if (scratch.planes.length < longs + Scratch.PADDING) {
      scratch.planes = new long[org.apache.lucene.util.ArrayUtil.oversize(longs + Scratch.PADDING, Long.BYTES)];
    }
    in.readLongs(scratch.planes, 0, longs);
  }

  @Override
  int code(Scratch scratch, int tokens, int j, int i) {
    return BitPlanes.code(scratch.planes, dimension, DOC_BITS, tokens, j, i);
  }

  @Override
  MaxSimKernel kernel(float[][] query) {
    QueryCodes[] queryTokens = queryCodes(query);
    long[][][] planes = new long[queryTokens.length][][];
    for (int i = 0; i < planes.length; i++) {
      planes[i] = BitPlanes.queryPlanes(queryTokens[i].codes(), dimension, QUERY_BITS);
    }
    float[] centroidDots = centroidDots(query);
    Scratch scratch = new Scratch();
    return (in, tokens) -> {
      scratch.read(this, in, tokens);
      int[] dots = scratch.dots;
      float sum = 0;
      for (int i = 0; i < queryTokens.length; i++) {
        QueryCodes q = queryTokens[i];
        float best;
        if (BitPlanes.VECTORIZED) {
          best = PanamaBitPlanes.maxEstimate(planes[i], q, scratch.planes, DOC_BITS, words, tokens, scratch);
        } else {
          BitPlanes.dotProducts(planes[i], scratch.planes, DOC_BITS, words, tokens, dots);
          best = Float.NEGATIVE_INFINITY;
          for (int j = 0; j < tokens; j++) {
            best = Math.max(best, estimate(q, scratch, j, dots[j]));
          }
        }
        sum += centroidDots[i] + best;
      }
      return sum;
    };
  }
}
