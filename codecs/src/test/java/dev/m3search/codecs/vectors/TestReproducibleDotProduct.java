package dev.m3search.codecs.vectors;

import java.util.Random;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.tests.util.TestUtil;

public class TestReproducibleDotProduct extends LuceneTestCase {

  /** Within float rounding of the exact dot product, for every length (tails of every size). */
  public void testEqualsTheDotProductUpToRounding() {
    Random random = random();
    for (int dimension = 0; dimension <= 200; dimension++) {
      float[] a = randomVector(random, dimension);
      float[] b = randomVector(random, dimension);
      double exact = 0;
      double magnitude = 0;
      for (int i = 0; i < dimension; i++) {
        exact += (double) a[i] * b[i];
        magnitude += Math.abs((double) a[i] * b[i]);
      }
      float tolerance = (float) (magnitude * 1e-6) + Float.MIN_NORMAL;
      assertEquals("dimension " + dimension, exact, ReproducibleDotProduct.dotProduct(a, b), tolerance);
      assertEquals("dimension " + dimension, exact, ReproducibleDotProduct.scalar(a, b, 0, 0f), tolerance);
    }
  }

  /**
   * The same bits on every call, while the JIT compiles the method under it: the calls go from the
   * interpreter to compiled code, where a {@code reduceLanes(ADD)} could change the rounding.
   */
  public void testSameBitsOnEveryCall() {
    Random random = random();
    int dimension = TestUtil.nextInt(random, 300, 1100);
    float[][] vectors = new float[8][];
    for (int v = 0; v < vectors.length; v++) {
      vectors[v] = randomVector(random, dimension);
    }
    int[] first = new int[vectors.length];
    for (int v = 0; v < vectors.length; v++) {
      first[v] = Float.floatToRawIntBits(ReproducibleDotProduct.dotProduct(vectors[0], vectors[v]));
    }
    for (int call = 0; call < 50_000; call++) {
      int v = call % vectors.length;
      assertEquals("call " + call, first[v], Float.floatToRawIntBits(ReproducibleDotProduct.dotProduct(vectors[0], vectors[v])));
    }
  }

  public void testDimensionsMustAgree() {
    IllegalArgumentException e =
        expectThrows(IllegalArgumentException.class, () -> ReproducibleDotProduct.dotProduct(new float[3], new float[4]));
    assertTrue(e.getMessage(), e.getMessage().contains("3 != 4"));
  }

  private static float[] randomVector(Random random, int dimension) {
    float[] vector = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      vector[i] = (float) random.nextGaussian();
    }
    return vector;
  }
}
