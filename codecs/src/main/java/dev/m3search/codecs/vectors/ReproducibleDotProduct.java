package dev.m3search.codecs.vectors;

/**
 * The dot product of two float vectors, the same bits on every call for the same input (see the
 * package docs). It rounds differently from Lucene's {@code VectorUtil.dotProduct}, so scores
 * compared with each other must all come from one of the two.
 */
public final class ReproducibleDotProduct {
  private ReproducibleDotProduct() {}

  public static float dotProduct(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vector dimensions differ: " + a.length + " != " + b.length);
    }
    return VectorApi.AVAILABLE ? PanamaDotProduct.dotProduct(a, b) : scalar(a, b, 0, 0f);
  }

  /** {@code sum} plus the products of {@code a} and {@code b} from {@code from} on, in index order. */
  static float scalar(float[] a, float[] b, int from, float sum) {
    for (int i = from; i < a.length; i++) {
      sum = Math.fma(a[i], b[i], sum);
    }
    return sum;
  }
}
