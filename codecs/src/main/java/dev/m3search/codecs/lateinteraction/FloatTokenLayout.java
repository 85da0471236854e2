package dev.m3search.codecs.lateinteraction;

import dev.m3search.codecs.vectors.ReproducibleDotProduct;
import java.io.IOException;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.ArrayUtil;

/** {@link TokenVectorMode#FLOAT32}: the vectors as given, token after token. */
final class FloatTokenLayout extends TokenLayout {
  FloatTokenLayout(int dimension) {
    super(dimension);
  }

  @Override
  int bytesPerToken() {
    return dimension * Float.BYTES;
  }

  @Override
  void encode(float[][] tokens, DataOutput out) throws IOException {
    for (float[] token : tokens) {
      writeFloats(out, token);
    }
  }

  @Override
  void decode(IndexInput in, int tokens, float[][] into) throws IOException {
    for (int j = 0; j < tokens; j++) {
      in.readFloats(into[j], 0, dimension);
    }
  }

  @Override
  MaxSimKernel kernel(float[][] query) {
    return new MaxSimKernel() {
      private float[][] document = new float[0][];

      @Override
      public float sumOfMaxima(IndexInput in, int tokens) throws IOException {
        if (document.length < tokens) {
          float[][] grown = new float[ArrayUtil.oversize(tokens, 8)][];
          System.arraycopy(document, 0, grown, 0, document.length);
          for (int j = document.length; j < grown.length; j++) {
            grown[j] = new float[dimension];
          }
          document = grown;
        }
        decode(in, tokens, document);
        float sum = 0;
        for (float[] q : query) {
          float best = Float.NEGATIVE_INFINITY;
          for (int j = 0; j < tokens; j++) {
            best = Math.max(best, ReproducibleDotProduct.dotProduct(q, document[j]));
          }
          sum += best;
        }
        return sum;
      }
    };
  }
}
