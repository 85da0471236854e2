package dev.m3search.codecs.lateinteraction;

import dev.m3search.codecs.vectors.ReproducibleDotProduct;
import java.io.IOException;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.ArrayUtil;

/**
 * {@link TokenVectorMode#BIT1}: one bit a dimension and no per-token terms, so a token takes
 * exactly {@code D/8} bytes. Bit {@code i} says on which side of the segment centroid {@code c_i}
 * the token falls; the segment keeps, per dimension, the mean of the tokens on each side, so a
 * token reads back as {@code offset + scale ⊙ b} with {@code offset_i} the mean below the centroid
 * and {@code scale_i} the gap to the mean above it. Then {@code q·d ≈ q·offset + (q ⊙ scale)·b}:
 * the first term is one number per query token and segment, the second a 4-bit quantised query
 * against the bits, computed with AND and popcount over {@link BitPlanes}.
 */
final class SignTokenLayout extends TokenLayout {
  private static final int QUERY_BITS = 4;
  private final int words;
  private final Centroid accumulator;
  private float[] centroid;
  private double[] aboveSum;
  private long[] aboveCount;
  private double[] belowSum;
  private long[] belowCount;
  private float[] offset;
  private float[] scale;

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

  @Override
  void decode(IndexInput in, int tokens, float[][] into) throws IOException {
    long[] planes = new long[words * tokens];
    in.readLongs(planes, 0, planes.length);
    for (int j = 0; j < tokens; j++) {
      for (int i = 0; i < dimension; i++) {
        into[j][i] = offset[i] + scale[i] * BitPlanes.code(planes, dimension, 1, tokens, j, i);
      }
    }
  }

  @Override
  MaxSimKernel kernel(float[][] query) {
    int m = query.length;
    float[] origin = new float[dimension]; // q ⊙ scale is quantised as it is, not around a centroid
    long[][][] planes = new long[m][][];
    float[] lower = new float[m];
    float[] width = new float[m];
    float[] constant = new float[m];
    for (int t = 0; t < m; t++) {
      float[] scaled = new float[dimension];
      for (int i = 0; i < dimension; i++) {
        scaled[i] = query[t][i] * scale[i];
      }
      QueryCodes codes = QueryCodes.of(scaled, origin, QUERY_BITS, dimension);
      planes[t] = BitPlanes.queryPlanes(codes.codes(), dimension, QUERY_BITS);
      lower[t] = codes.lower();
      width[t] = codes.width();
      constant[t] = ReproducibleDotProduct.dotProduct(query[t], offset);
    }
    return new MaxSimKernel() {
      private long[] doc = new long[0];
      private int[] ones = new int[0];
      private int[] dots = new int[0];

      @Override
      public float sumOfMaxima(IndexInput in, int tokens) throws IOException {
        int longs = words * tokens;
        if (doc.length < longs + BitPlanes.PADDING) {
          doc = new long[ArrayUtil.oversize(longs + BitPlanes.PADDING, Long.BYTES)];
        }
        if (ones.length < tokens + BitPlanes.PADDING) {
          ones = new int[ArrayUtil.oversize(tokens + BitPlanes.PADDING, Integer.BYTES)];
          dots = new int[ones.length];
        }
        in.readLongs(doc, 0, longs);
        BitPlanes.bitCounts(doc, 0, words, tokens, ones);
        float sum = 0;
        for (int t = 0; t < m; t++) {
          BitPlanes.dotProducts(planes[t], doc, 1, words, tokens, dots);
          float best = Float.NEGATIVE_INFINITY;
          float a = lower[t];
          float l = width[t];
          for (int j = 0; j < tokens; j++) {
            best = Math.max(best, a * ones[j] + l * dots[j]);
          }
          sum += constant[t] + best;
        }
        return sum;
      }
    };
  }
}
