package dev.m3search.codecs.lateinteraction;

import dev.m3search.codecs.vectors.VectorApi;
import org.apache.lucene.util.ArrayUtil;

/**
 * Bit-sliced codes. A code of {@code b} bits a dimension is kept as {@code b} planes; plane
 * {@code p} holds bit {@code p} of every dimension, 64 dimensions to a long. A document's tokens
 * are stored word-major ({@code (plane · words + word) · tokens + token}), so the dot products of
 * one query token with all of a document's tokens are a few passes of AND and popcount over
 * contiguous longs, which the JIT turns into vector instructions.
 */
final class BitPlanes {
  /**
   * Whether {@link PanamaBitPlanes} can run: the JVM was started with {@code --add-modules
   * jdk.incubator.vector} (as the m3search launcher and Lucene's own vectorisation ask).
   */
  static final boolean VECTORIZED = VectorApi.AVAILABLE;

  /**
   * Slots a caller of {@link #dotProducts} keeps past the end of a document's planes and of the
   * output, so vector kernels read and write whole vectors without masks.
   */
  static final int PADDING = 16;

  private BitPlanes() {}

  /**
   * {@code planes}, or a larger array when it cannot hold a document's {@code longs} longs and the
   * {@link #PADDING}; documents of a segment reuse one array, which grows, never shrinks.
   */
  static long[] withRoomFor(long[] planes, int longs) {
    if (planes.length < longs + PADDING) {
      return new long[ArrayUtil.oversize(longs + PADDING, Long.BYTES)];
    }
    return planes;
  }

  /** Longs a plane of {@code dimension} bits takes. */
  static int words(int dimension) {
    return (dimension + 63) >>> 6;
  }

  /**
   * Stores the {@code bits}-bit codes of token {@code token} of {@code tokens} into {@code doc}:
   * packed into planes as a query token's are (with the vector API where it runs), then each word
   * into its slot.
   */
  static void scatter(byte[] codes, int dimension, int bits, long[] doc, int tokens, int token) {
    long[][] planes = queryPlanes(codes, dimension, bits);
    int words = words(dimension);
    for (int p = 0; p < bits; p++) {
      for (int w = 0; w < words; w++) {
        doc[(p * words + w) * tokens + token] = planes[p][w];
      }
    }
  }

  /** The code of dimension {@code i} of token {@code token}, from a document's planes. */
  static int code(long[] doc, int dimension, int bits, int tokens, int token, int i) {
    int words = words(dimension);
    int code = 0;
    for (int p = 0; p < bits; p++) {
      code |= (int) (doc[((p * words) + (i >>> 6)) * tokens + token] >>> (i & 63) & 1) << p;
    }
    return code;
  }

  /** The planes of one query token's {@code bits}-bit codes: {@code [plane][word]}. */
  static long[][] queryPlanes(byte[] codes, int dimension, int bits) {
    return VECTORIZED ? PanamaBitPlanes.queryPlanes(codes, dimension, bits) : scalarQueryPlanes(codes, dimension, bits);
  }

  /** {@link #queryPlanes} without the vector API. */
  static long[][] scalarQueryPlanes(byte[] codes, int dimension, int bits) {
    long[][] planes = new long[bits][words(dimension)];
    for (int p = 0; p < bits; p++) {
      for (int w = 0; w < planes[p].length; w++) {
        int base = w << 6;
        int end = Math.min(64, dimension - base);
        long word = 0;
        for (int b = 0; b < end; b++) {
          word |= (long) (codes[base + b] >>> p & 1) << b;
        }
        planes[p][w] = word;
      }
    }
    return planes;
  }

  /**
   * {@code dots[j] = Σ_i query_i · doc_ij} for every token {@code j < tokens}: the integer dot
   * product of one query token's codes with each document token's codes, as a float (exact: the
   * products stay below 2^24). {@code doc} and {@code dots} have {@link #PADDING} slots past what
   * the tokens use; {@code dots} past the tokens is undefined afterwards.
   */
  static void dotProducts(long[][] query, long[] doc, int docBits, int words, int tokens, float[] dots) {
    if (VECTORIZED && query.length == PanamaBitPlanes.QUERY_BITS && docBits <= 2) {
      PanamaBitPlanes.dotProducts(query, doc, docBits, words, tokens, dots);
    } else {
      scalarDotProducts(query, doc, docBits, words, tokens, dots);
    }
  }

  /** {@link #dotProducts} without the vector API. */
  static void scalarDotProducts(long[][] query, long[] doc, int docBits, int words, int tokens, float[] dots) {
    java.util.Arrays.fill(dots, 0, tokens, 0);
    for (int b = 0; b < docBits; b++) {
      for (int w = 0; w < words; w++) {
        int base = (b * words + w) * tokens;
        for (int p = 0; p < query.length; p++) {
          long q = query[p][w];
          if (q == 0) {
            continue;
          }
          int shift = p + b;
          for (int j = 0; j < tokens; j++) {
            dots[j] += Long.bitCount(q & doc[base + j]) << shift;
          }
        }
      }
    }
  }

  /**
   * Set bits of each token's plane {@code plane}, as floats: {@code counts[j]}, which has {@link
   * #PADDING} slots past the tokens (undefined afterwards).
   */
  static void bitCounts(long[] doc, int plane, int words, int tokens, float[] counts) {
    if (VECTORIZED) {
      PanamaBitPlanes.bitCounts(doc, plane, words, tokens, counts);
      return;
    }
    java.util.Arrays.fill(counts, 0, tokens, 0);
    for (int w = 0; w < words; w++) {
      int base = (plane * words + w) * tokens;
      for (int j = 0; j < tokens; j++) {
        counts[j] += Long.bitCount(doc[base + j]);
      }
    }
  }
}
