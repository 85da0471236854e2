package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;

/**
 * {@link TokenVectorMode#BIT2}: 2-bit optimised scalar codes kept as two {@link BitPlanes}, word
 * major, so {@link DibitMaxSim} scores a 4-bit query on them with AND and popcount.
 */
final class DibitTokenLayout extends OptimizedScalarTokenLayout {
  static final int DOC_BITS = 2;
  final int words;

  DibitTokenLayout(int dimension) {
    super(dimension, DOC_BITS);
    this.words = BitPlanes.words(dimension);
  }

  @Override
  int discreteDimensions() {
    return dimension;
  }

  @Override
  int bytesPerToken() {
    return DOC_BITS * words * Long.BYTES + CORRECTION_BYTES;
  }

  @Override
  void writeCodes(byte[][] codes, DataOutput out) throws IOException {
    long[] planes = new long[DOC_BITS * words * codes.length];
    for (int j = 0; j < codes.length; j++) {
      BitPlanes.scatter(codes[j], dimension, DOC_BITS, planes, codes.length, j);
    }
    for (long word : planes) {
      out.writeLong(word);
    }
  }

  @Override
  void readCodes(IndexInput in, int tokens, OptimizedScalarCodes into) throws IOException {
    int longs = DOC_BITS * words * tokens;
    into.planes = BitPlanes.withRoomFor(into.planes, longs);
    in.readLongs(into.planes, 0, longs);
  }

  /**
   * As {@link #read}, but of the codes only the high plane, in its place: what the first pass of
   * {@link DibitMaxSim} reads.
   */
  void readHighPlane(IndexInput in, int tokens, OptimizedScalarCodes into) throws IOException {
    into.ensureCapacity(tokens);
    int longs = words * tokens;
    into.planes = BitPlanes.withRoomFor(into.planes, DOC_BITS * longs);
    in.seek(in.getFilePointer() + (long) longs * Long.BYTES);
    in.readLongs(into.planes, longs, longs);
    readCorrections(in, tokens, into);
  }

  @Override
  int code(OptimizedScalarCodes codes, int tokens, int j, int i) {
    return BitPlanes.code(codes.planes, dimension, DOC_BITS, tokens, j, i);
  }
}
