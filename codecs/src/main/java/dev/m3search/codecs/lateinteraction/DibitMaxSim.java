package dev.m3search.codecs.lateinteraction;

import static dev.m3search.codecs.lateinteraction.DibitTokenLayout.DOC_BITS;

import java.io.IOException;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.FixedBitSet;

/**
 * MaxSim on {@link DibitTokenLayout}'s bit planes against a 4-bit query (as Lucene's {@code
 * DIBIT_QUERY_NIBBLE} encoding), the query's codes sliced into planes once: AND and popcount, one
 * SIMD lane per document token when {@link BitPlanes#VECTORIZED}.
 *
 * <p>The first pass ({@link #estimatedSumOfMaxima}) reads the same codes but ANDs only the query's
 * two high planes with the document's high plane, two of the eight plane pairs. Writing the query
 * code {@code q = 4·q_h + q_l} and the document code {@code x = 2·h + l}, it keeps {@code 8·Σ q_h·h}
 * exactly and puts each other product at its mean, as if the low bits were independent of the
 * other side: {@code Σ q_h·l ≈ Σq_h·|l|/n}, {@code Σ q_l·h ≈ Σq_l·|h|/n}, {@code Σ q_l·l ≈
 * Σq_l·|l|/n} ({@code |h|}, {@code |l|}: the token's set bits, {@code n}: the dimension).
 */
final class DibitMaxSim extends OptimizedScalarMaxSim {
  private static final int QUERY_BITS = 4;
  private final DibitTokenLayout layout;
  private final int words;
  /** {@code [query token][plane][word]}. */
  private final long[][][] planes;
  /** Code dot products (exact or the first pass's) of one query token with the document's tokens. */
  private float[] dots = new float[0];
  /** Per query token, the first pass's weights of a document token's high and low set bits. */
  private final float[] highWeight;
  private final float[] lowWeight;
  /** Set bits of the current document's tokens in the high and the low plane (first pass). */
  private float[] highBits = new float[0];
  private float[] lowBits = new float[0];

  DibitMaxSim(DibitTokenLayout layout, float[][] query) {
    super(layout, query, QUERY_BITS);
    this.layout = layout;
    this.words = layout.words;
    this.planes = new long[queryTokens.length][][];
    for (int i = 0; i < planes.length; i++) {
      planes[i] = BitPlanes.queryPlanes(queryTokens[i].codes(), layout.dimension, QUERY_BITS);
    }
    highWeight = new float[queryTokens.length];
    lowWeight = new float[queryTokens.length];
    for (int i = 0; i < queryTokens.length; i++) {
      // Σ of the codes' high and low two bits, from the planes: a few popcounts, not a pass over
      // every dimension (this runs for each query token in each segment)
      int high = setBits(planes[i][2]) + 2 * setBits(planes[i][3]);
      int low = setBits(planes[i][0]) + 2 * setBits(planes[i][1]);
      highWeight[i] = 2f * low / layout.dimension;
      lowWeight[i] = (4f * high + low) / layout.dimension;
    }
  }

  @Override
  public boolean estimates() {
    return true;
  }

  @Override
  public float estimatedSumOfMaxima(IndexInput in, int tokens) throws IOException {
    layout.readHighPlane(in, tokens, document);
    if (highBits.length < tokens + BitPlanes.PADDING) {
      int size = ArrayUtil.oversize(tokens + BitPlanes.PADDING, Float.BYTES);
      highBits = new float[size];
      lowBits = new float[size];
    }
    ensureDots(tokens);
    BitPlanes.bitCounts(document.planes, 1, words, tokens, highBits);
    for (int j = 0; j < tokens; j++) {
      lowBits[j] = document.codeSum[j] - 2 * highBits[j]; // Σx = |l| + 2·|h|
    }
    float sum = 0;
    for (int i = 0; i < queryTokens.length; i++) {
      QueryCodes q = queryTokens[i];
      float best;
      if (BitPlanes.VECTORIZED) {
        PanamaBitPlanes.firstPassDots(planes[i], highWeight[i], lowWeight[i], document.planes, words, tokens, highBits, lowBits, dots);
        best = PanamaBitPlanes.maxEstimate(q, document, tokens, dots);
      } else {
        best = scalarMaxFirstPass(
            planes[i], q, highWeight[i], lowWeight[i], document.planes, words, tokens, document, highBits, lowBits);
      }
      sum += centroidDots[i] + best;
    }
    return sum;
  }

  /** {@link PanamaBitPlanes#firstPassDots} and {@link PanamaBitPlanes#maxEstimate} without the vector API. */
  static float scalarMaxFirstPass(long[][] query, QueryCodes q, float highWeight, float lowWeight, long[] doc, int words,
      int tokens, OptimizedScalarCodes d, float[] highBits, float[] lowBits) {
    long[] q2 = query[2];
    long[] q3 = query[3];
    float best = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < tokens; j++) {
      int high = 0;
      for (int w = 0; w < words; w++) {
        long h = doc[(words + w) * tokens + j];
        high += Long.bitCount(q2[w] & h) + (Long.bitCount(q3[w] & h) << 1);
      }
      float dot = (high << 3) + highWeight * highBits[j] + lowWeight * lowBits[j];
      best = Math.max(best, estimate(q, d, j, dot));
    }
    return best;
  }

  @Override
  public float sumOfMaxima(IndexInput in, int tokens) throws IOException {
    layout.read(in, tokens, document);
    ensureDots(tokens);
    float sum = 0;
    for (int i = 0; i < queryTokens.length; i++) {
      QueryCodes q = queryTokens[i];
      BitPlanes.dotProducts(planes[i], document.planes, DOC_BITS, words, tokens, dots);
      float best;
      if (BitPlanes.VECTORIZED) {
        best = PanamaBitPlanes.maxEstimate(q, document, tokens, dots);
      } else {
        best = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < tokens; j++) {
          best = Math.max(best, estimate(q, document, j, dots[j]));
        }
      }
      sum += centroidDots[i] + best;
    }
    return sum;
  }

  private static int setBits(long[] plane) {
    return new FixedBitSet(plane, plane.length * Long.SIZE).cardinality();
  }

  private void ensureDots(int tokens) {
    if (dots.length < tokens + BitPlanes.PADDING) {
      dots = new float[ArrayUtil.oversize(tokens + BitPlanes.PADDING, Float.BYTES)];
    }
  }
}
