package dev.m3search.codecs.lateinteraction;

import org.apache.lucene.util.ArrayUtil;

/**
 * One document's codes and per-token corrections as {@link OptimizedScalarTokenLayout#read} reads
 * them off the data file, into arrays a reader reuses from document to document.
 */
final class OptimizedScalarCodes {
  /** Slots past the last token that vector kernels may read (and leave out of their results). */
  static final int PADDING = BitPlanes.PADDING;

  /** Byte codes, one array a token ({@link ScalarTokenLayout}). */
  byte[][] byteCodes = new byte[0][];
  /** Bit-sliced codes, word-major ({@link DibitTokenLayout}). */
  long[] planes = new long[0];
  float[] lower = new float[0];
  float[] upper = new float[0];
  float[] additional = new float[0];
  int[] codeSum = new int[0];
  /** Query-independent parts of each token's estimate: the step {@code l_d} and {@code l_d·Σx}. */
  float[] width = new float[0];
  float[] widthTimesSum = new float[0];

  /** Room for the corrections of {@code tokens} tokens and the padding. */
  void ensureCapacity(int tokens) {
    if (lower.length < tokens + PADDING) {
      int size = ArrayUtil.oversize(tokens + PADDING, Float.BYTES);
      lower = new float[size];
      upper = new float[size];
      additional = new float[size];
      codeSum = new int[size];
      width = new float[size];
      widthTimesSum = new float[size];
    }
  }
}
