package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;

/**
 * How one {@link TokenVectorMode} stores the tokens of a document: their codes and per-token
 * corrections on write, the byte layout of a document's value, and reading a document's codes back
 * off the data file. A layout that quantises first learns segment statistics in {@link
 * #statisticsPasses()} passes over the segment's tokens, writes them into the field's metadata,
 * and reads them back. Scoring a query on the codes is the {@link MaxSimKernel}'s of the mode.
 */
abstract sealed class TokenLayout permits FloatTokenLayout, OptimizedScalarTokenLayout, SignTokenLayout {
  final int dimension;

  TokenLayout(int dimension) {
    this.dimension = dimension;
  }

  static TokenLayout of(TokenVectorMode mode, int dimension) {
    return switch (mode) {
      case FLOAT32 -> new FloatTokenLayout(dimension);
      case INT8 -> new ScalarTokenLayout(dimension, ScalarTokenLayout.Width.EIGHT);
      case INT4 -> new ScalarTokenLayout(dimension, ScalarTokenLayout.Width.FOUR);
      case BIT2 -> new DibitTokenLayout(dimension);
      case BIT1 -> new SignTokenLayout(dimension);
    };
  }

  /** Bytes of one token: codes and correction terms. */
  abstract int bytesPerToken();

  /** Passes over the segment's tokens needed before {@link #encode}; 0 when none. */
  int statisticsPasses() {
    return 0;
  }

  /** Sees one document's tokens during statistics pass {@code pass}. */
  void observe(int pass, float[][] tokens) {}

  /** Ends statistics pass {@code pass}. */
  void finishPass(int pass) {}

  void writeStatistics(DataOutput meta) throws IOException {}

  void readStatistics(DataInput meta) throws IOException {}

  /** Writes one document's tokens. */
  abstract void encode(float[][] tokens, DataOutput out) throws IOException;

  /** Reads {@code tokens} tokens at the input's position back as floats (approximate unless float32). */
  abstract void decode(IndexInput in, int tokens, float[][] into) throws IOException;

  static void writeFloats(DataOutput out, float[] values) throws IOException {
    for (float v : values) {
      out.writeInt(Float.floatToIntBits(v));
    }
  }

  static float[] readFloats(DataInput in, int count) throws IOException {
    float[] values = new float[count];
    in.readFloats(values, 0, count);
    return values;
  }
}
