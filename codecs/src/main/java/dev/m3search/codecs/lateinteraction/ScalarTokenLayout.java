package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import org.apache.lucene.codecs.lucene104.Lucene104ScalarQuantizedVectorsFormat.ScalarEncoding;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.ArrayUtil;

/**
 * {@link TokenVectorMode#INT8} and {@link TokenVectorMode#INT4}: a token's codes are one byte a
 * dimension, or two dimensions a byte (dimension {@code i} in the high nibble of byte {@code i},
 * dimension {@code i + half} in the low nibble, as Lucene packs them), as {@link ScalarMaxSim}'s
 * integer dot products read them.
 */
final class ScalarTokenLayout extends OptimizedScalarTokenLayout {
  enum Width {
    EIGHT(ScalarEncoding.UNSIGNED_BYTE),
    FOUR(ScalarEncoding.PACKED_NIBBLE);

    final ScalarEncoding encoding;

    Width(ScalarEncoding encoding) {
      this.encoding = encoding;
    }
  }

  final Width width;
  private final int discrete;
  private final int packed;

  ScalarTokenLayout(int dimension, Width width) {
    super(dimension, width.encoding.getBits());
    this.width = width;
    this.discrete = width.encoding.getDiscreteDimensions(dimension);
    this.packed = width.encoding.getDocPackedLength(dimension);
  }

  @Override
  int discreteDimensions() {
    return discrete;
  }

  @Override
  int bytesPerToken() {
    return packed + CORRECTION_BYTES;
  }

  @Override
  void writeCodes(byte[][] codes, DataOutput out) throws IOException {
    byte[] nibbles = new byte[packed];
    for (byte[] token : codes) {
      if (width == Width.EIGHT) {
        out.writeBytes(token, packed);
      } else {
        for (int i = 0; i < packed; i++) {
          nibbles[i] = (byte) (token[i] << 4 | token[packed + i]);
        }
        out.writeBytes(nibbles, packed);
      }
    }
  }

  @Override
  void readCodes(IndexInput in, int tokens, OptimizedScalarCodes into) throws IOException {
    if (into.byteCodes.length < tokens) {
      byte[][] grown = new byte[ArrayUtil.oversize(tokens, 8)][];
      System.arraycopy(into.byteCodes, 0, grown, 0, into.byteCodes.length);
      for (int j = into.byteCodes.length; j < grown.length; j++) {
        grown[j] = new byte[packed];
      }
      into.byteCodes = grown;
    }
    for (int j = 0; j < tokens; j++) {
      in.readBytes(into.byteCodes[j], 0, packed);
    }
  }

  @Override
  int code(OptimizedScalarCodes codes, int tokens, int j, int i) {
    byte[] token = codes.byteCodes[j];
    if (width == Width.EIGHT) {
      return token[i] & 0xFF;
    }
    return i < packed ? (token[i] & 0xFF) >>> 4 : token[i - packed] & 0x0F;
  }
}
