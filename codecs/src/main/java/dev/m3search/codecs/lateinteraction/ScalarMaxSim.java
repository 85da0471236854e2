package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.VectorUtil;

/**
 * MaxSim on {@link ScalarTokenLayout}'s byte or nibble codes against a query of as many bits
 * (Lucene's query bits for the encoding), with {@link VectorUtil}'s SIMD integer dot products.
 */
final class ScalarMaxSim extends OptimizedScalarMaxSim {
  private final ScalarTokenLayout layout;
  private final ScalarTokenLayout.Width width;

  ScalarMaxSim(ScalarTokenLayout layout, float[][] query) {
    super(layout, query, layout.width.encoding.getQueryBits());
    this.layout = layout;
    this.width = layout.width;
  }

  @Override
  public float sumOfMaxima(IndexInput in, int tokens) throws IOException {
    layout.read(in, tokens, document);
    float sum = 0;
    for (int t = 0; t < queryTokens.length; t++) {
      QueryCodes q = queryTokens[t];
      byte[] queryCodes = q.codes();
      float best = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < tokens; j++) {
        byte[] doc = document.byteCodes[j];
        int dot =
            width == ScalarTokenLayout.Width.EIGHT
                ? VectorUtil.uint8DotProduct(queryCodes, doc)
                : VectorUtil.int4DotProductSinglePacked(queryCodes, doc);
        best = Math.max(best, estimate(q, document, j, dot));
      }
      sum += centroidDots[t] + best;
    }
    return sum;
  }
}
