package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;

/** {@link TokenVectorMode#FLOAT32}: the vectors as given, token after token. */
final class FloatTokenLayout extends TokenLayout {
  FloatTokenLayout(int dimension) {
    super(dimension);
  }

  @Override
  int bytesPerToken() {
    return dimension * Float.BYTES;
  }

  @Override
  void encode(float[][] tokens, DataOutput out) throws IOException {
    for (float[] token : tokens) {
      writeFloats(out, token);
    }
  }

  @Override
  void decode(IndexInput in, int tokens, float[][] into) throws IOException {
    for (int j = 0; j < tokens; j++) {
      in.readFloats(into[j], 0, dimension);
    }
  }
}
