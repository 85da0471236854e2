package dev.m3search.codecs.lateinteraction;

import java.util.Random;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.tests.util.TestUtil;

public class TestBitPlanes extends LuceneTestCase {

  /** The vectorised kernel and the scalar one agree, for every token count around the lane width. */
  public void testVectorizedMatchesScalar() {
    assumeTrue("needs --add-modules jdk.incubator.vector", BitPlanes.VECTORIZED);
    Random random = random();
    for (int docBits = 1; docBits <= 2; docBits++) {
      for (int tokens = 1; tokens <= 40; tokens++) {
        int dimension = TestUtil.nextInt(random, 1, 200);
        int words = BitPlanes.words(dimension);
        long[] doc = new long[docBits * words * tokens + BitPlanes.PADDING];
        for (int j = 0; j < tokens; j++) {
          BitPlanes.scatter(randomCodes(random, dimension, docBits), dimension, docBits, doc, tokens, j);
        }
        byte[] queryCodes = randomCodes(random, dimension, 4);
        long[][] query = BitPlanes.scalarQueryPlanes(queryCodes, dimension, 4);
        long[][] vectorQuery = PanamaBitPlanes.queryPlanes(queryCodes, dimension, 4);
        for (int p = 0; p < 4; p++) {
          assertArrayEquals("plane " + p + ", dimension " + dimension, query[p], vectorQuery[p]);
        }
        float[] expected = new float[tokens + BitPlanes.PADDING];
        float[] actual = new float[tokens + BitPlanes.PADDING];
        BitPlanes.scalarDotProducts(query, doc, docBits, words, tokens, expected);
        PanamaBitPlanes.dotProducts(query, doc, docBits, words, tokens, actual);
        assertArrayEquals(
            "docBits " + docBits + ", tokens " + tokens,
            java.util.Arrays.copyOf(expected, tokens),
            java.util.Arrays.copyOf(actual, tokens),
            0f);
      }
    }
  }

  /** Plane dot products equal the dot products of the codes they hold. */
  public void testDotProductsOfCodes() {
    Random random = random();
    int dimension = 77;
    int tokens = 9;
    byte[][] codes = new byte[tokens][];
    long[] doc = new long[2 * BitPlanes.words(dimension) * tokens + BitPlanes.PADDING];
    for (int j = 0; j < tokens; j++) {
      codes[j] = randomCodes(random, dimension, 2);
      BitPlanes.scatter(codes[j], dimension, 2, doc, tokens, j);
    }
    byte[] query = randomCodes(random, dimension, 4);
    float[] dots = new float[tokens + BitPlanes.PADDING];
    BitPlanes.dotProducts(BitPlanes.queryPlanes(query, dimension, 4), doc, 2, BitPlanes.words(dimension), tokens, dots);
    for (int j = 0; j < tokens; j++) {
      int expected = 0;
      for (int i = 0; i < dimension; i++) {
        expected += query[i] * codes[j][i];
        assertEquals(codes[j][i], BitPlanes.code(doc, dimension, 2, tokens, j, i));
      }
      assertEquals(expected, dots[j], 0f);
    }
  }

  private static byte[] randomCodes(Random random, int dimension, int bits) {
    byte[] codes = new byte[dimension];
    for (int i = 0; i < dimension; i++) {
      codes[i] = (byte) random.nextInt(1 << bits);
    }
    return codes;
  }
}
