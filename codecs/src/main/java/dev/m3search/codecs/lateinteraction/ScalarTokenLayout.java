package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import org.apache.lucene.codecs.lucene104.Lucene104ScalarQuantizedVectorsFormat.ScalarEncoding;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.VectorUtil;

/**
 * {@link TokenVectorMode#INT8} and {@link TokenVectorMode#INT4}: a token's codes are one byte a
 * dimension, or two dimensions a byte (dimension {@code i} in the high nibble of byte {@code i},
 * dimension {@code i + half} in the low nibble, as Lucene packs them), scored with {@link
 * VectorUtil}'s SIMD integer dot products.
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

  private final Width width;
  private final int discrete;
  private final int packed;

  ScalarTokenLayout(int dimension, Width width) {
    super(dimension, width.encoding.getBits(), width.encoding.getQueryBits());
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
  void readCodes(IndexInput in, int tokens, Scratch scratch) throws IOException {
    if (scratch.byteCodes.length < tokens) {
      byte[][] grown = new byte[ArrayUtil.oversize(tokens, 8)][];
      System.arraycopy(scratch.byteCodes, 0, grown, 0, scratch.byteCodes.length);
      for (int j = scratch.byteCodes.length; j < grown.length; j++) {
        grown[j] = new byte[packed];
      }
      scratch.byteCodes = grown;
    }
    for (int j = 0; j < tokens; j++) {
      in.readBytes(scratch.byteCodes[j], 0, packed);
    }
  }

  @Override
  int code(Scratch scratch, int tokens, int j, int i) {
    byte[] codes = scratch.byteCodes[j];
    if (width == Width.EIGHT) {
      return codes[i] & 0xFF;
    }
    return i < packed ? (codes[i] & 0xFF) >>> 4 : codes[i - packed] & 0x0F;
  }

  @Override
  MaxSimKernel kernel(float[][] query) {
    QueryCodes[] queryTokens = queryCodes(query);
    float[] centroidDots = centroidDots(query);
    Scratch scratch = new Scratch();
    return (in, tokens) -> {
      scratch.read(this, in, tokens);
      float sum = 0;
      for (int t = 0; t < queryTokens.length; t++) {
        QueryCodes q = queryTokens[t];
        byte[] queryCodes = q.codes();
        float best = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < tokens; j++) {
          byte[] doc = scratch.byteCodes[j];
          int dot =
              width == Width.EIGHT
                  ? VectorUtil.uint8DotProduct(queryCodes, doc)
                  : VectorUtil.int4DotProductSinglePacked(queryCodes, doc);
          best = Math.max(best, estimate(q, scratch, j, dot));
        }
        sum += centroidDots[t] + best;
      }
      return sum;
    };
  }
}
