package dev.m3search.codecs.lateinteraction;

/**
 * One query token on the query side of asymmetric scoring: {@code bits}-bit codes on an interval,
 * so {@code v_i ≈ lower + width · codes_i}, and the exact sum of its components. The interval is
 * Lucene's starting point for {@code OptimizedScalarQuantizer} without its iterative refinement,
 * which costs 5× as much for a query token and changed colbert-exact nDCG@10 on msmarco-5k by less
 * than 0.001; plain min-max lost 0.003–0.004 there.
 */
record QueryCodes(byte[] codes, float lower, float width, float sum) {
  /** Half-width of the interval in standard deviations, by bits (as Lucene's {@code MINIMUM_MSE_GRID}). */
  private static final double[] GRID = {0, 0.798, 1.493, 2.051, 2.514, 2.916, 3.278, 3.611, 3.922};

  /**
   * Quantises {@code vector − origin} into codes of {@code length} bytes (zero past the vector's
   * end), on the interval {@code mean ± k·σ} that minimises the squared error of a normal
   * variable at this width (Lucene's starting interval), clipped to the components' range.
   */
  static QueryCodes of(float[] vector, float[] origin, int bits, int length) {
    return BitPlanes.VECTORIZED
        ? PanamaQueryCodes.of(vector, origin, bits, length)
        : scalarOf(vector, origin, bits, length);
  }

  static QueryCodes scalarOf(float[] vector, float[] origin, int bits, int length) {
    float[] residual = new float[vector.length];
    Moments moments = new Moments(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0, 0)
        .accumulate(vector, origin, residual, 0);
    Interval interval = moments.interval(bits, residual.length);
    byte[] codes = new byte[length];
    encode(residual, interval, codes, 0);
    return new QueryCodes(codes, interval.lower(), interval.width(), moments.sum());
  }

  /** Codes of {@code residual} from {@code from} to its end on {@code interval} (none on an empty interval). */
  static void encode(float[] residual, Interval interval, byte[] codes, int from) {
    if (interval.width() > 0) {
      float inverse = 1f / interval.width();
      for (int d = from; d < residual.length; d++) {
        codes[d] = code(residual[d], interval.lower(), interval.upper(), inverse);
      }
    }
  }

  /** The code of {@code value} on {@code [lower, upper]} with {@code 1/width} = {@code inverse}. */
  static byte code(float value, float lower, float upper, float inverse) {
    float clipped = Math.min(upper, Math.max(lower, value));
    return (byte) (int) ((clipped - lower) * inverse + 0.5f); // ≥ 0: truncation rounds
  }

  /** Range, sum and sum of squares of a token's residuals, accumulated from a starting point. */
  static final class Moments {
    private float lowest;
    private float highest;
    private float sum;
    private float square;

    Moments(float lowest, float highest, float sum, float square) {
      this.lowest = lowest;
      this.highest = highest;
      this.sum = sum;
      this.square = square;
    }

    /** Writes {@code vector − origin} into {@code residual} from {@code from} to the end, and adds it. */
    Moments accumulate(float[] vector, float[] origin, float[] residual, int from) {
      for (int i = from; i < residual.length; i++) {
        float r = vector[i] - origin[i];
        residual[i] = r;
        lowest = Math.min(lowest, r);
        highest = Math.max(highest, r);
        sum += r;
        square += r * r;
      }
      return this;
    }

    float sum() {
      return sum;
    }

    Interval interval(int bits, int n) {
      return Interval.of(bits, n, lowest, highest, sum, square);
    }
  }

  /** The quantisation interval and its step for {@code bits}-bit codes. */
  record Interval(float lower, float upper, float width) {
    /**
     * {@code mean ± k·σ} of {@code n} components with the given range, sum and sum of squares,
     * clipped to the range.
     */
    static Interval of(int bits, int n, float lowest, float highest, float sum, float squares) {
      double mean = sum / (double) n;
      double deviation = Math.sqrt(Math.max(0, squares / (double) n - mean * mean));
      float lower = (float) Math.max(lowest, mean - GRID[bits] * deviation);
      float upper = (float) Math.min(highest, mean + GRID[bits] * deviation);
      return new Interval(lower, upper, (upper - lower) / ((1 << bits) - 1));
    }
  }

  static QueryCodes[] of(float[][] tokens, float[] origin, int bits, int length) {
    QueryCodes[] codes = new QueryCodes[tokens.length];
    for (int t = 0; t < tokens.length; t++) {
      codes[t] = of(tokens[t], origin, bits, length);
    }
    return codes;
  }
}
