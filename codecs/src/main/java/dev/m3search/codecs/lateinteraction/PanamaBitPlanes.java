package dev.m3search.codecs.lateinteraction;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Bit-plane kernels for 4-bit queries with the Panama vector API: one lane per
 * document token (the word-major layout puts a word of consecutive tokens side by side), one
 * accumulator per query plane and document plane, so the inner step is AND, popcount and add and
 * the shifts by plane come once at the end. Only loaded when {@code jdk.incubator.vector} is
 * present; {@link BitPlanes} falls back to scalar code otherwise.
 */
final class PanamaBitPlanes {
  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
  /** As many int and float lanes as {@link #LONGS} has long lanes. */
  private static final VectorSpecies<Integer> INTS =
      VectorSpecies.of(int.class, VectorShape.forBitSize(LONGS.vectorBitSize() / 2));
  private static final VectorSpecies<Float> FLOATS =
      VectorSpecies.of(float.class, VectorShape.forBitSize(LONGS.vectorBitSize() / 2));
  /**
   * One byte lane per bit of a plane word, a word in one vector (AVX-512) or in parts (32 lanes
   * with AVX2, 16 with NEON): a lane mask is the word, or a part of it.
   */
  private static final VectorSpecies<Byte> WORD_BYTES = ByteVector.SPECIES_PREFERRED;
  static final int QUERY_BITS = 4;

  static {
    assert LONGS.length() <= BitPlanes.PADDING;
  }

  private PanamaBitPlanes() {}

  /** Document tokens one vector holds: one long lane each. */
  static int tokensPerVector() {
    return LONGS.length();
  }

  /** See {@link BitPlanes#queryPlanes}: a word is the mask of the codes with the plane's bit set. */
  static long[][] queryPlanes(byte[] codes, int dimension, int bits) {
    int lanes = WORD_BYTES.length();
    if (lanes > 64) {
      return BitPlanes.scalarQueryPlanes(codes, dimension, bits);
    }
    long[][] planes = new long[bits][BitPlanes.words(dimension)];
    for (int from = 0; from < dimension; from += lanes) {
      ByteVector part = from + lanes <= dimension
          ? ByteVector.fromArray(WORD_BYTES, codes, from)
          : ByteVector.fromArray(WORD_BYTES, codes, from, WORD_BYTES.indexInRange(from, dimension));
      int w = from >>> 6;
      int shift = from & 63;
      for (int p = 0; p < bits; p++) {
        // a narrower mask's toLong() has only its lanes' bits, so the shift cannot spill
        planes[p][w] |= part.and((byte) (1 << p)).compare(VectorOperators.NE, (byte) 0).toLong() << shift;
      }
    }
    return planes;
  }

  /** See {@link BitPlanes#dotProducts}; {@code query} has {@link #QUERY_BITS} planes, {@code docBits} is 1 or 2. */
  static void dotProducts(long[][] query, long[] doc, int docBits, int words, int tokens, int[] dots) {
    for (int j = 0; j < tokens; j += LONGS.length()) {
      ((IntVector) dots(query, doc, docBits, words, tokens, j).convertShape(VectorOperators.L2I, INTS, 0)).intoArray(dots, j);
    }
  }

  /**
   * {@code max_j} of {@link OptimizedScalarMaxSim#estimate} over the document's tokens, the
   * code dot products and the estimates computed lane by lane without leaving registers. Lanes
   * past the last token read the document's padding, whose estimate is −∞.
   */
  static float maxEstimate(
      long[][] query, QueryCodes q, long[] doc, int docBits, int words, int tokens, OptimizedScalarCodes d) {
    int lanes = LONGS.length();
    float sum = q.sum();
    float lower = q.lower();
    float width = q.width();
    FloatVector best = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
    for (int j = 0; j < tokens; j += lanes) {
      FloatVector dot = floats(dots(query, doc, docBits, words, tokens, j));
      best = best.max(estimate(d, j, sum, lower, width, dot));
    }
    return best.reduceLanes(VectorOperators.MAX);
  }

  /** See {@link BitPlanes#bitCounts(long[], int, int, int, float[])}. */
  static void bitCounts(long[] doc, int plane, int words, int tokens, float[] counts) {
    for (int j = 0; j < tokens; j += LONGS.length()) {
      LongVector count = LongVector.zero(LONGS);
      for (int w = 0; w < words; w++) {
        count = count.add(LongVector.fromArray(LONGS, doc, (plane * words + w) * tokens + j).lanewise(VectorOperators.BIT_COUNT));
      }
      floats(count).intoArray(counts, j);
    }
  }

  /**
   * {@code max_j} of the first pass's estimate (see {@link DibitMaxSim}) over a 2-bit document's
   * tokens: the query's planes 2 and 3 against the document's high plane, the other plane pairs
   * replaced by {@code highWeight·|h| + lowWeight·|l|} ({@code highBits}, {@code lowBits}).
   */
  static float maxFirstPass(long[][] query, QueryCodes q, float highWeight, float lowWeight, long[] doc, int words,
      int tokens, OptimizedScalarCodes d, float[] highBits, float[] lowBits) {
    int lanes = LONGS.length();
    float sum = q.sum();
    float lower = q.lower();
    float width = q.width();
    long[] q2 = query[2];
    long[] q3 = query[3];
    FloatVector best = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
    for (int j = 0; j < tokens; j += lanes) {
      LongVector c2 = LongVector.zero(LONGS);
      LongVector c3 = c2;
      for (int w = 0; w < words; w++) {
        LongVector h = LongVector.fromArray(LONGS, doc, (words + w) * tokens + j);
        c2 = c2.add(h.and(q2[w]).lanewise(VectorOperators.BIT_COUNT));
        c3 = c3.add(h.and(q3[w]).lanewise(VectorOperators.BIT_COUNT));
      }
      FloatVector dot = floats(c2.add(c3.lanewise(VectorOperators.LSHL, 1)).lanewise(VectorOperators.LSHL, 3))
          .add(FloatVector.fromArray(FLOATS, highBits, j).mul(highWeight))
          .add(FloatVector.fromArray(FLOATS, lowBits, j).mul(lowWeight));
      best = best.max(estimate(d, j, sum, lower, width, dot));
    }
    return best.reduceLanes(VectorOperators.MAX);
  }

  /** {@link OptimizedScalarMaxSim#estimate} of the tokens from {@code j}, lane by lane, in its order. */
  private static FloatVector estimate(OptimizedScalarCodes d, int j, float sum, float lower, float width, FloatVector dot) {
    return FloatVector.fromArray(FLOATS, d.additional, j)
        .add(FloatVector.fromArray(FLOATS, d.lower, j).mul(sum))
        .add(FloatVector.fromArray(FLOATS, d.widthTimesSum, j).mul(lower))
        .add(FloatVector.fromArray(FLOATS, d.width, j).mul(width).mul(dot));
  }

  /**
   * Long lanes as floats, through int: a direct long-to-float conversion needs AVX-512DQ, and
   * without it runs ten times slower (3.7 against 0.4 ns a lane with -XX:UseAVX=2).
   */
  private static FloatVector floats(LongVector values) {
    IntVector ints = (IntVector) values.convertShape(VectorOperators.L2I, INTS, 0);
    return (FloatVector) ints.convert(VectorOperators.I2F, 0);
  }

  /**
   * The code dot products of one query token with the tokens from {@code j}; lanes past the last
   * token read the document's padding.
   */
  private static LongVector dots(long[][] query, long[] doc, int docBits, int words, int tokens, int j) {
    LongVector sum = planeSum(query, doc, 0, words, tokens, j);
    if (docBits == 2) {
      sum = sum.add(planeSum(query, doc, 1, words, tokens, j).lanewise(VectorOperators.LSHL, 1));
    }
    return sum;
  }

  /** {@code Σ_p 2^p · popcount(query_p & doc_plane)} over the words, for the tokens from {@code j}. */
  private static LongVector planeSum(long[][] query, long[] doc, int plane, int words, int tokens, int j) {
    LongVector zero = LongVector.zero(LONGS);
    LongVector c0 = zero;
    LongVector c1 = zero;
    LongVector c2 = zero;
    LongVector c3 = zero;
    long[] q0 = query[0];
    long[] q1 = query[1];
    long[] q2 = query[2];
    long[] q3 = query[3];
    for (int w = 0; w < words; w++) {
      LongVector d = LongVector.fromArray(LONGS, doc, (plane * words + w) * tokens + j);
      c0 = c0.add(d.and(q0[w]).lanewise(VectorOperators.BIT_COUNT));
      c1 = c1.add(d.and(q1[w]).lanewise(VectorOperators.BIT_COUNT));
      c2 = c2.add(d.and(q2[w]).lanewise(VectorOperators.BIT_COUNT));
      c3 = c3.add(d.and(q3[w]).lanewise(VectorOperators.BIT_COUNT));
    }
    return c0.add(c1.lanewise(VectorOperators.LSHL, 1))
        .add(c2.lanewise(VectorOperators.LSHL, 2))
        .add(c3.lanewise(VectorOperators.LSHL, 3));
  }
}
