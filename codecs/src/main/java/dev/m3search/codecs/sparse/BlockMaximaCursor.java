package dev.m3search.codecs.sparse;

/** Walks one term's blocks in increasing order: each block's number and the term's greatest frequency in it. */
public final class BlockMaximaCursor {
  private final byte[] bytes;
  private int position;
  private int remaining;
  private int block = -1;
  private int maxFreq;

  /** {@code bytes}: the term's maxima as written, a vInt block gap and a vInt frequency per block. */
  BlockMaximaCursor(byte[] bytes, int blocks) {
    this.bytes = bytes;
    this.remaining = blocks;
  }

  /** Moves to the next block holding the term and returns its number, or -1 past the last. */
  public int nextBlock() {
    if (remaining == 0) {
      return -1;
    }
    remaining--;
    block += readVInt();
    maxFreq = readVInt();
    return block;
  }

  /** The greatest frequency of the term in the current block. */
  public int maxFreq() {
    return maxFreq;
  }

  private int readVInt() {
    byte b = bytes[position++];
    int value = b & 0x7F;
    for (int shift = 7; b < 0; shift += 7) {
      b = bytes[position++];
      value |= (b & 0x7F) << shift;
    }
    return value;
  }
}
