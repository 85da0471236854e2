package dev.m3search.codecs.sparse;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.BytesRef;

/**
 * The block maxima of one field in one segment. The term list (bytes, block count, data offset and
 * length of each term) is held on the heap for a binary search; the maxima are read off-heap from the data
 * file through a clone of its input, one per {@link #blocks cursor}.
 */
public final class FieldBlockMaxima {
  private final int blockShift;
  private final byte[] termBytes;
  /** Where term i starts in {@link #termBytes}; one more entry than there are terms. */
  private final int[] termStarts;
  private final int[] blockCounts;
  private final long[] offsets;
  private final int[] lengths;
  private final IndexInput data;

  private FieldBlockMaxima(
      int blockShift, byte[] termBytes, int[] termStarts, int[] blockCounts, long[] offsets, int[] lengths, IndexInput data) {
    this.blockShift = blockShift;
    this.termBytes = termBytes;
    this.termStarts = termStarts;
    this.blockCounts = blockCounts;
    this.offsets = offsets;
    this.lengths = lengths;
    this.data = data;
  }

  /** Reads a field's term list from the meta file, positioned after its field number. */
  static FieldBlockMaxima read(DataInput meta, IndexInput data) throws IOException {
    int blockShift = meta.readVInt();
    int termCount = meta.readVInt();
    int[] starts = new int[termCount + 1];
    int[] counts = new int[termCount];
    long[] offsets = new long[termCount];
    int[] lengths = new int[termCount];
    byte[] bytes = new byte[16];
    for (int t = 0; t < termCount; t++) {
      int length = meta.readVInt();
      if (starts[t] + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(starts[t] + length, bytes.length * 2));
      }
      meta.readBytes(bytes, starts[t], length);
      starts[t + 1] = starts[t] + length;
      counts[t] = meta.readVInt();
      offsets[t] = meta.readVLong();
      lengths[t] = meta.readVInt();
    }
    return new FieldBlockMaxima(blockShift, Arrays.copyOf(bytes, starts[termCount]), starts, counts, offsets, lengths, data);
  }

  /** log2 of the documents a block spans. */
  public int blockShift() {
    return blockShift;
  }

  /** The blocks holding {@code term}, in increasing order with its greatest frequency in each; null when no document has it. */
  public BlockMaximaCursor blocks(BytesRef term) throws IOException {
    int t = find(term);
    if (t < 0) {
      return null;
    }
    // one bulk read, then decoding on the heap: far cheaper than a readVInt call per value
    byte[] bytes = new byte[lengths[t]];
    IndexInput in = data.clone();
    in.seek(offsets[t]);
    in.readBytes(bytes, 0, bytes.length);
    return new BlockMaximaCursor(bytes, blockCounts[t]);
  }

  private int find(BytesRef term) {
    int low = 0;
    int high = blockCounts.length - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int cmp = Arrays.compareUnsigned(termBytes, termStarts[mid], termStarts[mid + 1],
          term.bytes, term.offset, term.offset + term.length);
      if (cmp < 0) {
        low = mid + 1;
      } else if (cmp > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Heap bytes held for the term list. */
  long ramBytesUsed() {
    return termBytes.length + 4L * termStarts.length + 4L * blockCounts.length + 8L * offsets.length + 4L * lengths.length;
  }
}
