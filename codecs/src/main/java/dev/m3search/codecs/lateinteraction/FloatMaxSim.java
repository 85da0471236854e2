package dev.m3search.codecs.lateinteraction;

import dev.m3search.codecs.vectors.ReproducibleDotProduct;
import java.io.IOException;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.ArrayUtil;

/** MaxSim on {@link FloatTokenLayout}'s floats: exact dot products, as {@link SegmentMaxSim#exact}. */
final class FloatMaxSim implements MaxSimKernel {
  private final FloatTokenLayout layout;
  private final float[][] query;
  private float[][] document = new float[0][];

  FloatMaxSim(FloatTokenLayout layout, float[][] query) {
    this.layout = layout;
    this.query = query;
  }

  @Override
  public float sumOfMaxima(IndexInput in, int tokens) throws IOException {
    if (document.length < tokens) {
      float[][] grown = new float[ArrayUtil.oversize(tokens, 8)][];
      System.arraycopy(document, 0, grown, 0, document.length);
      for (int j = document.length; j < grown.length; j++) {
        grown[j] = new float[layout.dimension];
      }
      document = grown;
    }
    layout.decode(in, tokens, document);
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
}
