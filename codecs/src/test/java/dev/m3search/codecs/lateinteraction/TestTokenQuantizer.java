package dev.m3search.codecs.lateinteraction;

import java.util.Random;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.tests.util.TestUtil;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer.QuantizationResult;

public class TestTokenQuantizer extends LuceneTestCase {

  /**
   * On tokens like a model's (unit vectors around a few shared directions, centred on their
   * mean), the quantiser gives Lucene's intervals to float precision, its corrections,
   * and its codes but for components on a rounding boundary, in every width the token modes use
   * and at dimensions that leave a scalar tail. Where a code rounded apart sends the descent to
   * another interval (up to 1% of tokens at 8 bits), the fit is a few % better or worse, and at
   * a model's width the loss over all tokens at most 1% above Lucene's (within 0.4% in 60 runs).
   */
  public void testMatchesLucenesQuantizer() {
    Random random = random();
    OptimizedScalarQuantizer lucene = new OptimizedScalarQuantizer(VectorSimilarityFunction.DOT_PRODUCT);
    for (int dimension : new int[] {384, 1024, TestUtil.nextInt(random, 1, 70), TestUtil.nextInt(random, 100, 400)}) {
      float[][] tokens = TokenVectorSamples.tokens(random, TokenVectorSamples.centres(random, 8, dimension), 400);
      Centroid accumulator = new Centroid(dimension);
      accumulator.add(tokens);
      float[] centroid = accumulator.mean();
      TokenQuantizer quantizer = TokenQuantizer.of(dimension);
      for (int bits : new int[] {1, 2, 4, 7, 8}) {
        long components = 0;
        long differing = 0;
        int intervalsApart = 0;
        double expectedLoss = 0;
        double actualLoss = 0;
        for (float[] token : tokens) {
          byte[] expectedCodes = new byte[dimension];
          byte[] codes = new byte[dimension];
          QuantizationResult expected = lucene.scalarQuantize(token.clone(), expectedCodes, (byte) bits, centroid);
          float[] before = token.clone();
          QuantizationResult actual = quantizer.quantize(token, centroid, bits, codes);
          assertArrayEquals("the input is left as it was", before, token, 0f);
          expectedLoss += loss(token, centroid, expected, expectedCodes, bits);
          actualLoss += loss(token, centroid, actual, codes, bits);
          float range = expected.upperInterval() - expected.lowerInterval();
          if (Math.abs(expected.lowerInterval() - actual.lowerInterval()) > 1e-4f * range
              || Math.abs(expected.upperInterval() - actual.upperInterval()) > 1e-4f * range) {
            // one code rounded apart sent the descent elsewhere: a loss a few % either side
            intervalsApart++;
            continue;
          }
          assertEquals(expected.additionalCorrection(), actual.additionalCorrection(), 1e-5f);
          int sum = 0;
          for (int i = 0; i < dimension; i++) {
            int difference = Math.abs((expectedCodes[i] & 0xFF) - (codes[i] & 0xFF));
            assertTrue(bits + " bits, dimension " + i + ": " + expectedCodes[i] + " and " + codes[i], difference <= 1);
            differing += difference;
            sum += codes[i] & 0xFF;
          }
          assertEquals("the code sum", sum, actual.quantizedComponentSum());
          components += dimension;
        }
        assertTrue(intervalsApart + " of " + tokens.length + " intervals apart, " + bits + " bits, " + dimension + " dimensions",
            intervalsApart <= tokens.length / 25);
        if (dimension >= 100) { // a model's width: with a few components, one token's fit weighs on the total
          assertTrue("the loss over all tokens, " + bits + " bits: " + actualLoss + " against Lucene's " + expectedLoss,
              actualLoss <= expectedLoss * 1.01 + 1e-9);
        }
        assertTrue(differing + " of " + components + " codes differ, " + bits + " bits, " + dimension + " dimensions",
            differing <= Math.max(2, components / 2_000));
      }
    }
  }

  /** Lucene's anisotropic loss of the codes: {@code 0.9·(Σ r·(r − q))² / |r|² + 0.1·Σ (r − q)²} for the dequantised residual {@code q}. */
  private static double loss(float[] token, float[] centroid, QuantizationResult result, byte[] codes, int bits) {
    double step = (result.upperInterval() - (double) result.lowerInterval()) / ((1 << bits) - 1);
    double along = 0;
    double error = 0;
    double norm2 = 0;
    for (int i = 0; i < token.length; i++) {
      double r = token[i] - (double) centroid[i];
      double miss = r - (result.lowerInterval() + step * (codes[i] & 0xFF));
      along += r * miss;
      error += miss * miss;
      norm2 += r * r;
    }
    return 0.9 * along * along / norm2 + 0.1 * error;
  }

  /** The vector lanes and the scalar lanes give the same bits: an index is the same on every machine. */
  public void testVectorLanesAreTheScalarLanes() {
    assumeTrue("needs 256-bit vectors of jdk.incubator.vector", BitPlanes.VECTORIZED && PanamaTokenQuantizer.runs());
    Random random = random();
    for (int round = 0; round < 20; round++) {
      int dimension = TestUtil.nextInt(random, 1, 1100);
      float[][] tokens = TokenVectorSamples.tokens(random, TokenVectorSamples.centres(random, 4, dimension), 50);
      Centroid accumulator = new Centroid(dimension);
      accumulator.add(tokens);
      float[] centroid = accumulator.mean();
      TokenQuantizer scalar = new TokenQuantizer(dimension);
      TokenQuantizer vector = new PanamaTokenQuantizer(dimension);
      for (float[] token : tokens) {
        int bits = TestUtil.nextInt(random, 1, 8);
        byte[] expectedCodes = new byte[dimension];
        byte[] codes = new byte[dimension];
        assertEquals(scalar.quantize(token, centroid, bits, expectedCodes), vector.quantize(token, centroid, bits, codes));
        assertArrayEquals(expectedCodes, codes);
      }
    }
  }

  /** A token equal to the centroid, and a constant token: no interval to optimise, codes of zero, as Lucene gives them. */
  public void testDegenerateTokens() {
    OptimizedScalarQuantizer lucene = new OptimizedScalarQuantizer(VectorSimilarityFunction.DOT_PRODUCT);
    int dimension = 40;
    float[] centroid = new float[dimension];
    java.util.Arrays.fill(centroid, 0.25f);
    for (float[] token : new float[][] {centroid.clone(), new float[dimension]}) {
      byte[] expectedCodes = new byte[dimension];
      byte[] codes = new byte[dimension];
      QuantizationResult expected = lucene.scalarQuantize(token.clone(), expectedCodes, (byte) 2, centroid);
      QuantizationResult actual = TokenQuantizer.of(dimension).quantize(token, centroid, 2, codes);
      assertEquals(expected.lowerInterval(), actual.lowerInterval(), 1e-7f);
      assertEquals(expected.upperInterval(), actual.upperInterval(), 1e-7f);
      assertArrayEquals(expectedCodes, codes);
      assertEquals(expected.quantizedComponentSum(), actual.quantizedComponentSum());
    }
  }
}
