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

  /*
   * Vector values never cross a call between the methods below: C2 inlines a callee only while its
   * own compiled code is small, and a vector passed to or returned from a method it did not inline
   * is boxed on the heap, each lane operation then running the vector API's Java fallback. Which
   * calls stayed inlined depended on compilation order, so the same JVM build was fast in one run
   * and up to 1.5 times as slow in the next. Stages hand over arrays instead.
   */

  /**
   * See {@link BitPlanes#dotProducts}; {@code query} has {@link #QUERY_BITS} planes, {@code
   * docBits} is 1 or 2. The integer dot products are below 2^24, so their floats are exact.
   */
  static void dotProducts(long[][] query, long[] doc, int docBits, int words, int tokens, float[] dots) {
    long[] q0 = query[0];
    long[] q1 = query[1];
    long[] q2 = query[2];
    long[] q3 = query[3];
    for (int j = 0; j < tokens; j += LONGS.length()) {
      LongVector sum = LongVector.zero(LONGS);
      for (int plane = 0; plane < docBits; plane++) {
        // one accumulator per query plane, so the shifts by plane come once at the end
        LongVector c0 = LongVector.zero(LONGS);
        LongVector c1 = c0;
        LongVector c2 = c0;
        LongVector c3 = c0;
        for (int w = 0; w < words; w++) {
          LongVector d = LongVector.fromArray(LONGS, doc, (plane * words + w) * tokens + j);
          c0 = c0.add(d.and(q0[w]).lanewise(VectorOperators.BIT_COUNT));
          c1 = c1.add(d.and(q1[w]).lanewise(VectorOperators.BIT_COUNT));
          c2 = c2.add(d.and(q2[w]).lanewise(VectorOperators.BIT_COUNT));
          c3 = c3.add(d.and(q3[w]).lanewise(VectorOperators.BIT_COUNT));
        }
        LongVector planeSum = c0.add(c1.lanewise(VectorOperators.LSHL, 1))
            .add(c2.lanewise(VectorOperators.LSHL, 2))
            .add(c3.lanewise(VectorOperators.LSHL, 3));
        sum = sum.add(planeSum.lanewise(VectorOperators.LSHL, plane));
      }
      // through int: a direct long-to-float conversion needs AVX-512DQ, and without it runs ten
      // times slower (3.7 against 0.4 ns a lane with -XX:UseAVX=2)
      IntVector ints = (IntVector) sum.convertShape(VectorOperators.L2I, INTS, 0);
      ((FloatVector) ints.convert(VectorOperators.I2F, 0)).intoArray(dots, j);
    }
  }

  /**
   * {@code max_j} of {@link OptimizedScalarMaxSim#estimate} over the document's tokens, lane by
   * lane in its order, given the code dot products {@code dots} (of {@link #dotProducts} or {@link
   * #firstPassDots}). Lanes past the last token read the arrays' padding, and are left out of the
   * maximum.
   */
  static float maxEstimate(QueryCodes q, OptimizedScalarCodes d, int tokens, float[] dots) {
    float sum = q.sum();
    float lower = q.lower();
    float width = q.width();
    int lanes = FLOATS.length();
    FloatVector best = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
    for (int j = 0; j < tokens; j += lanes) {
      FloatVector estimate = FloatVector.fromArray(FLOATS, d.additional, j)
          .add(FloatVector.fromArray(FLOATS, d.lower, j).mul(sum))
          .add(FloatVector.fromArray(FLOATS, d.widthTimesSum, j).mul(lower))
          .add(FloatVector.fromArray(FLOATS, d.width, j).mul(width).mul(FloatVector.fromArray(FLOATS, dots, j)));
      if (j + lanes > tokens) {
        estimate = estimate.blend(Float.NEGATIVE_INFINITY, FLOATS.indexInRange(j, tokens).not());
      }
      best = best.max(estimate);
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
      IntVector ints = (IntVector) count.convertShape(VectorOperators.L2I, INTS, 0);
      ((FloatVector) ints.convert(VectorOperators.I2F, 0)).intoArray(counts, j);
    }
  }

  /**
   * The first pass's code dot products (see {@link DibitMaxSim}) of a 2-bit document's tokens, as
   * floats: the query's planes 2 and 3 against the document's high plane, the other plane pairs
   * replaced by {@code highWeight·|h| + lowWeight·|l|} ({@code highBits}, {@code lowBits}).
   */
  static void firstPassDots(long[][] query, float highWeight, float lowWeight, long[] doc, int words, int tokens,
      float[] highBits, float[] lowBits, float[] dots) {
    long[] q2 = query[2];
    long[] q3 = query[3];
    for (int j = 0; j < tokens; j += LONGS.length()) {
      LongVector c2 = LongVector.zero(LONGS);
      LongVector c3 = c2;
      for (int w = 0; w < words; w++) {
        LongVector h = LongVector.fromArray(LONGS, doc, (words + w) * tokens + j);
        c2 = c2.add(h.and(q2[w]).lanewise(VectorOperators.BIT_COUNT));
        c3 = c3.add(h.and(q3[w]).lanewise(VectorOperators.BIT_COUNT));
      }
      LongVector high = c2.add(c3.lanewise(VectorOperators.LSHL, 1)).lanewise(VectorOperators.LSHL, 3);
      IntVector ints = (IntVector) high.convertShape(VectorOperators.L2I, INTS, 0);
      ((FloatVector) ints.convert(VectorOperators.I2F, 0))
          .add(FloatVector.fromArray(FLOATS, highBits, j).mul(highWeight))
          .add(FloatVector.fromArray(FLOATS, lowBits, j).mul(lowWeight))
          .intoArray(dots, j);
    }
  }
}
