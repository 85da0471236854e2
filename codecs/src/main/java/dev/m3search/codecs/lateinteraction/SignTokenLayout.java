package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;

/**
 * {@link TokenVectorMode#BIT1}: one bit a dimension and no per-token terms, so a token takes
 * exactly {@code D/8} bytes. Bit {@code i} says on which side of the segment centroid {@code c_i}
 * the token falls; the segment keeps, per dimension, the mean of the tokens on each side, so a
 * token reads back as {@code offset + scale ⊙ b} with {@code offset_i} the mean below the centroid
 * and {@code scale_i} the gap to the mean above it; {@link SignMaxSim} scores on the bits.
 */
final class SignTokenLayout extends TokenLayout {
  final int words;
  private final Centroid accumulator;
  private float[] centroid;
  private double[] aboveSum;
  private long[] aboveCount;
  private double[] belowSum;
  private long[] belowCount;
  float[] offset;
  float[] scale;

  SignTokenLayout(int dimension) {
    super(dimension);
    this.words = BitPlanes.words(dimension);
    this.accumulator = new Centroid(dimension);
  }

  @Override
  int bytesPerToken() {
    return words * Long.BYTES;
  }

  @Override
  int statisticsPasses() {
    return 2;
  }

  @Override
  void observe(int pass, float[][] tokens) {
    if (pass == 0) {
      accumulator.add(tokens);
      return;
    }
    for (float[] token : tokens) {
      for (int i = 0; i < dimension; i++) {
        float residual = token[i] - centroid[i];
        if (residual > 0) {
          aboveSum[i] += residual;
          aboveCount[i]++;
        } else {
          belowSum[i] += residual;
          belowCount[i]++;
        }
      }
    }
  }

  @Override
  void finishPass(int pass) {
    if (pass == 0) {
      centroid = accumulator.mean();
      aboveSum = new double[dimension];
      aboveCount = new long[dimension];
      belowSum = new double[dimension];
      belowCount = new long[dimension];
      return;
    }
    offset = new float[dimension];
    scale = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      double below = belowCount[i] == 0 ? 0 : belowSum[i] / belowCount[i];
      double above = aboveCount[i] == 0 ? 0 : aboveSum[i] / aboveCount[i];
      offset[i] = (float) (centroid[i] + below);
      scale[i] = (float) (above - below);
    }
  }

  @Override
  void writeStatistics(DataOutput meta) throws IOException {
    writeFloats(meta, offset);
    writeFloats(meta, scale);
  }

  @Override
  void readStatistics(DataInput meta) throws IOException {
    offset = readFloats(meta, dimension);
    scale = readFloats(meta, dimension);
  }

  @Override
  void encode(float[][] tokens, DataOutput out) throws IOException {
    long[] planes = new long[words * tokens.length];
    for (int j = 0; j < tokens.length; j++) {
      for (int i = 0; i < dimension; i++) {
        if (tokens[j][i] > centroid[i]) {
          planes[(i >>> 6) * tokens.length + j] |= 1L << (i & 63);
        }
      }
    }
    for (long word : planes) {
      out.writeLong(word);
    }
  }

  /**
   * Reads the bits of the {@code tokens} tokens at the input's position into {@code planes}, or
   * into a larger array when it has no room for them, and returns the array read into.
   */
  long[] read(IndexInput in, int tokens, long[] planes) throws IOException {
    int longs = words * tokens;
    planes = BitPlanes.withRoomFor(planes, longs);
    in.readLongs(planes, 0, longs);
    return planes;
  }

  @Override
  void decode(IndexInput in, int tokens, float[][] into) throws IOException {
    long[] planes = read(in, tokens, new long[0]);
    for (int j = 0; j < tokens; j++) {
      for (int i = 0; i < dimension; i++) {
        into[j][i] = offset[i] + scale[i] * BitPlanes.code(planes, dimension, 1, tokens, j, i);
      }
    }
  }
}
