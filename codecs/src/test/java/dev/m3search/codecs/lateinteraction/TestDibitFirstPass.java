package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import java.util.Random;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersIndexInput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.tests.util.TestUtil;

/**
 * The 2bit first pass ({@link DibitMaxSim#estimatedSumOfMaxima}) is what its documentation
 * defines, computed here from the unpacked codes instead of the bit planes; its vector and scalar
 * kernels agree bit for bit; and where the bits it leaves out are zero, it is the exact score.
 */
public class TestDibitFirstPass extends LuceneTestCase {

  public void testFirstPassIsItsDefinitionOnTheCodes() throws IOException {
    Random random = random();
    for (int trial = 0; trial < 20; trial++) {
      int dimension = TestUtil.nextInt(random, 1, 200);
      float[][] centres = TokenVectorSamples.centres(random, 4, dimension);
      DibitTokenLayout layout = layoutFor(centres, random);
      float[][] doc = TokenVectorSamples.tokens(random, centres, TestUtil.nextInt(random, 1, 40));
      float[][] query = TokenVectorSamples.tokens(random, centres, TestUtil.nextInt(random, 1, 12));
      float actual = new DibitMaxSim(layout, query).estimatedSumOfMaxima(written(layout, doc), doc.length);
      float expected = definition(layout, query, written(layout, doc), doc.length);
      assertEquals("dimension " + dimension + ", tokens " + doc.length, expected, actual, 1e-5f * Math.max(1, Math.abs(expected)));
    }
  }

  public void testVectorizedFirstPassMatchesScalar() {
    assumeTrue("needs --add-modules jdk.incubator.vector", BitPlanes.VECTORIZED);
    Random random = random();
    for (int tokens = 1; tokens <= 40; tokens++) {
      int dimension = TestUtil.nextInt(random, 1, 200);
      int words = BitPlanes.words(dimension);
      long[] planes = new long[2 * words * tokens + BitPlanes.PADDING];
      OptimizedScalarCodes codes = new OptimizedScalarCodes();
      codes.ensureCapacity(tokens);
      float[] high = new float[tokens + BitPlanes.PADDING];
      float[] low = new float[tokens + BitPlanes.PADDING];
      for (int j = 0; j < tokens; j++) {
        byte[] code = new byte[dimension];
        for (int i = 0; i < dimension; i++) {
          code[i] = (byte) random.nextInt(4);
        }
        BitPlanes.scatter(code, dimension, 2, planes, tokens, j);
        codes.additional[j] = random.nextFloat() - 0.5f;
        codes.lower[j] = random.nextFloat() - 0.5f;
        codes.width[j] = random.nextFloat() / 8;
        codes.widthTimesSum[j] = random.nextFloat();
        high[j] = random.nextInt(dimension + 1);
        low[j] = random.nextInt(dimension + 1);
      }
      // padding that would win the maximum if a kernel did not leave lanes past the tokens out
      java.util.Arrays.fill(codes.additional, tokens, tokens + OptimizedScalarCodes.PADDING, 1e30f);
      byte[] queryCodes = new byte[dimension];
      for (int i = 0; i < dimension; i++) {
        queryCodes[i] = (byte) random.nextInt(16);
      }
      long[][] query = BitPlanes.scalarQueryPlanes(queryCodes, dimension, 4);
      QueryCodes q = new QueryCodes(queryCodes, random.nextFloat() - 0.5f, random.nextFloat() / 16, random.nextFloat());
      float highWeight = random.nextFloat();
      float lowWeight = random.nextFloat();
      assertEquals("tokens " + tokens + ", dimension " + dimension,
          DibitMaxSim.scalarMaxFirstPass(query, q, highWeight, lowWeight, planes, words, tokens, codes, high, low),
          vectorFirstPass(query, q, highWeight, lowWeight, planes, words, tokens, codes, high, low),
          0f);
    }
  }

  /**
   * Query codes with no low bits against document codes with no low bit: the parts the first pass
   * leaves out are zero, so it gives the exact code dot products.
   */
  public void testTheFirstPassIsExactWhereTheLowBitsAreZero() {
    Random random = random();
    int dimension = 130;
    int tokens = 7;
    int words = BitPlanes.words(dimension);
    long[] planes = new long[2 * words * tokens + BitPlanes.PADDING];
    float[] exact = new float[tokens + BitPlanes.PADDING];
    OptimizedScalarCodes codes = new OptimizedScalarCodes();
    codes.ensureCapacity(tokens);
    byte[] queryCodes = new byte[dimension];
    for (int i = 0; i < dimension; i++) {
      queryCodes[i] = (byte) (4 * random.nextInt(4));
    }
    for (int j = 0; j < tokens; j++) {
      byte[] code = new byte[dimension];
      for (int i = 0; i < dimension; i++) {
        code[i] = (byte) (2 * random.nextInt(2));
      }
      BitPlanes.scatter(code, dimension, 2, planes, tokens, j);
      codes.width[j] = 1; // the estimate is then the code dot product itself
    }
    long[][] query = BitPlanes.queryPlanes(queryCodes, dimension, 4);
    BitPlanes.dotProducts(query, planes, 2, words, tokens, exact);
    QueryCodes q = new QueryCodes(queryCodes, 0, 1, 0);
    float[] none = new float[tokens + BitPlanes.PADDING];
    float best = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < tokens; j++) {
      best = Math.max(best, exact[j]);
    }
    assertEquals(best, DibitMaxSim.scalarMaxFirstPass(query, q, 1, 1, planes, words, tokens, codes, none, none), 0f);
  }

  /** The vector kernel's first pass: its code dot products, then the best estimate. */
  private static float vectorFirstPass(long[][] query, QueryCodes q, float highWeight, float lowWeight, long[] planes,
      int words, int tokens, OptimizedScalarCodes codes, float[] high, float[] low) {
    float[] dots = new float[tokens + BitPlanes.PADDING];
    PanamaBitPlanes.firstPassDots(query, highWeight, lowWeight, planes, words, tokens, high, low, dots);
    return PanamaBitPlanes.maxEstimate(q, codes, tokens, dots);
  }

  /** A 2bit layout whose centroid is the mean of some sample tokens, as a segment's would be. */
  private static DibitTokenLayout layoutFor(float[][] centres, Random random) {
    DibitTokenLayout layout = new DibitTokenLayout(centres[0].length);
    for (int d = 0; d < 5; d++) {
      layout.observe(0, TokenVectorSamples.tokens(random, centres, 10));
    }
    layout.finishPass(0);
    return layout;
  }

  private static IndexInput written(DibitTokenLayout layout, float[][] doc) throws IOException {
    ByteBuffersDataOutput out = new ByteBuffersDataOutput();
    layout.encode(doc, out);
    return new ByteBuffersIndexInput(out.toDataInput(), "document");
  }

  /**
   * {@code Σ_i (q_i·c − c·c + max_j estimate(8·Σ q_h·h + (2·Σq_l/n)·|h| + ((4·Σq_h + Σq_l)/n)·|l|))},
   * from each token's unpacked codes.
   */
  private static float definition(DibitTokenLayout layout, float[][] query, IndexInput in, int tokens) throws IOException {
    OptimizedScalarCodes codes = new OptimizedScalarCodes();
    layout.read(in, tokens, codes);
    int n = layout.dimension;
    QueryCodes[] queryCodes = QueryCodes.of(query, layout.centroid, 4, n);
    float sum = 0;
    for (int t = 0; t < query.length; t++) {
      byte[] q = queryCodes[t].codes();
      int queryHigh = 0;
      int queryLow = 0;
      for (int i = 0; i < n; i++) {
        queryHigh += q[i] >> 2;
        queryLow += q[i] & 3;
      }
      float best = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < tokens; j++) {
        int both = 0;
        int highBits = 0;
        int lowBits = 0;
        for (int i = 0; i < n; i++) {
          int x = layout.code(codes, tokens, j, i);
          both += (q[i] >> 2) * (x >> 1);
          highBits += x >> 1;
          lowBits += x & 1;
        }
        float dot = 8 * both + (2f * queryLow / n) * highBits + ((4f * queryHigh + queryLow) / n) * lowBits;
        best = Math.max(best, OptimizedScalarMaxSim.estimate(queryCodes[t], codes, j, dot));
      }
      float centroidDot = org.apache.lucene.util.VectorUtil.dotProduct(query[t], layout.centroid) - layout.centroidDot;
      sum += centroidDot + best;
    }
    return sum;
  }
}
