package dev.m3search.codecs.lateinteraction;

import java.util.Random;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.tests.util.TestUtil;

public class TestQueryCodes extends LuceneTestCase {

  /** Codes reconstruct the residual to within half a step inside the interval. */
  public void testCodesReconstructTheResidual() {
    Random random = random();
    for (int round = 0; round < 50; round++) {
      int dimension = TestUtil.nextInt(random, 1, 400);
      float[] vector = randomVector(random, dimension);
      float[] origin = randomVector(random, dimension);
      for (int bits : new int[] {1, 4, 8}) {
        QueryCodes codes = QueryCodes.of(vector, origin, bits, dimension + 3);
        assertEquals(dimension + 3, codes.codes().length);
        float sum = 0;
        for (int i = 0; i < dimension; i++) {
          float residual = vector[i] - origin[i];
          sum += residual;
          int code = codes.codes()[i] & 0xFF;
          assertTrue("code " + code + " of " + bits + " bits", code >= 0 && code < (1 << bits));
          float clipped = Math.min(codes.lower() + codes.width() * ((1 << bits) - 1), Math.max(codes.lower(), residual));
          assertEquals("dimension " + i, clipped, codes.lower() + codes.width() * code, codes.width() / 2 + 1e-5f);
        }
        assertEquals(sum, codes.sum(), 1e-4f);
      }
    }
  }

  /** The vectorised quantiser gives the scalar one's interval and codes, up to float rounding. */
  public void testVectorizedMatchesScalar() {
    assumeTrue("needs --add-modules jdk.incubator.vector", BitPlanes.VECTORIZED);
    Random random = random();
    for (int dimension = 1; dimension <= 70; dimension++) {
      float[] vector = randomVector(random, dimension);
      float[] origin = randomVector(random, dimension);
      QueryCodes scalar = QueryCodes.scalarOf(vector, origin, 4, dimension);
      QueryCodes vectorized = PanamaQueryCodes.of(vector, origin, 4, dimension);
      assertEquals(scalar.lower(), vectorized.lower(), 1e-5f);
      assertEquals(scalar.width(), vectorized.width(), 1e-5f);
      assertEquals(scalar.sum(), vectorized.sum(), 1e-5f);
      int differing = 0;
      for (int i = 0; i < dimension; i++) {
        int difference = Math.abs(scalar.codes()[i] - vectorized.codes()[i]);
        assertTrue("dimension " + i + " of " + dimension, difference <= 1);
        differing += difference;
      }
      assertTrue(differing + " codes differ in " + dimension, differing <= 1);
    }
  }

  private static float[] randomVector(Random random, int dimension) {
    float[] vector = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      vector[i] = (float) random.nextGaussian() * 0.1f;
    }
    return vector;
  }
}
