package dev.m3search.codecs.lateinteraction;

import java.util.Arrays;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer.QuantizationResult;

/**
 * Lucene's {@link OptimizedScalarQuantizer} for dot products, rewritten for speed and for the same
 * bits on every machine. It keeps Lucene's method: the starting interval {@code mean ± k·σ}
 * clipped to the components' range, then at most five rounds of coordinate descent on the same
 * anisotropic loss ({@code λ = 0.1}), stopping when the loss grows. Lucene's loops take one
 * component at a time in doubles, and scan the components twice a round; here one pass a round
 * gives both the loss of an interval and the sums of the step from it, in float lanes. Lucene's
 * quantiser took most of the time a segment flush spent outside ONNX Runtime.
 *
 * <p>Every sum is kept in {@value #LANES} lanes (component {@code i} in lane {@code i mod 8}), the
 * lanes are added in lane order, then the components past the last whole group of lanes one by
 * one. {@link PanamaTokenQuantizer} runs the lanes as 256-bit vectors, on AVX2 and AVX-512 alike,
 * and this class runs them in scalar code where the vector API does not; both round alike, so a
 * token gets the same codes on every machine and every code path. They round differently from
 * Lucene's doubles: intervals agree to float precision but where one code rounded apart sent the
 * descent elsewhere, and the codes agree but for components on a rounding boundary.
 */
class TokenQuantizer {
  static final int LANES = 8;
  /** Lucene's starting half-width in standard deviations, by bits. */
  private static final double[] GRID = {0, 0.798, 1.493, 2.051, 2.514, 2.916, 3.278, 3.611, 3.922};
  private static final float LAMBDA = 0.1f;
  private static final int ROUNDS = 5;
  /** Sums of the component statistics: dot product with the centroid, sum, squared norm. */
  static final int MOMENTS = 3;
  /** Sums of a pass: Σ r·(r − q), Σ (r − q)², then Σ(1−s)², Σ(1−s)s, Σs², Σr(1−s), Σrs. */
  static final int PASS_SUMS = 7;

  final float[] residual;
  /** End of the last whole group of {@link #LANES} components. */
  final int bound;
  /** {@link #LANES} lanes per sum, folded into each sum's first slot. */
  final float[] lanes = new float[PASS_SUMS * LANES];
  float lowest;
  float highest;

  TokenQuantizer(int dimension) {
    this.residual = new float[dimension];
    this.bound = dimension - dimension % LANES;
  }

  /** A quantiser for tokens of {@code dimension} components: not thread safe (it keeps scratch space). */
  static TokenQuantizer of(int dimension) {
    return BitPlanes.VECTORIZED && PanamaTokenQuantizer.runs() ? new PanamaTokenQuantizer(dimension) : new TokenQuantizer(dimension);
  }

  /**
   * Codes of {@code vector − centroid} in {@code bits} bits into the first {@code vector.length}
   * bytes of {@code codes}, and their corrections, as {@link
   * OptimizedScalarQuantizer#scalarQuantize} gives them; {@code vector} is left as it was.
   */
  final QuantizationResult quantize(float[] vector, float[] centroid, int bits, byte[] codes) {
    int n = residual.length;
    Arrays.fill(lanes, 0f);
    lowest = Float.POSITIVE_INFINITY;
    highest = Float.NEGATIVE_INFINITY;
    momentLanes(vector, centroid);
    fold(MOMENTS);
    momentRange(vector, centroid, bound, n, 0);
    float centroidDot = lanes[0];
    float sum = lanes[LANES];
    float norm2 = lanes[2 * LANES];
    double mean = sum / (double) n;
    double deviation = Math.sqrt(Math.max(0, norm2 / (double) n - mean * mean));
    float a = (float) Math.min(highest, Math.max(lowest, mean - GRID[bits] * deviation));
    float b = (float) Math.min(highest, Math.max(lowest, mean + GRID[bits] * deviation));
    int points = 1 << bits;
    if (!(b > a)) { // every component alike: Lucene's codes are zeros (its NaN step rounds to 0)
      Arrays.fill(codes, 0, n, (byte) 0);
      return new QuantizationResult(a, b, centroidDot, 0);
    }
    float scale = (1f - LAMBDA) / norm2;
    if (Float.isFinite(scale)) {
      double loss = pass(a, b, points, norm2);
      for (int round = 0; round < ROUNDS; round++) {
        double daa = lanes[2 * LANES], dab = lanes[3 * LANES], dbb = lanes[4 * LANES];
        double dax = lanes[5 * LANES], dbx = lanes[6 * LANES];
        double m0 = scale * dax * dax + LAMBDA * daa;
        double m1 = scale * dax * dbx + LAMBDA * dab;
        double m2 = scale * dbx * dbx + LAMBDA * dbb;
        double det = m0 * m2 - m1 * m1;
        if (det == 0) {
          break;
        }
        float aOpt = (float) ((m2 * dax - m1 * dbx) / det);
        float bOpt = (float) ((m0 * dbx - m1 * dax) / det);
        if ((Math.abs(a - aOpt) < 1e-8 && Math.abs(b - bOpt) < 1e-8) || !(bOpt > aOpt)) {
          break; // converged, or an empty interval, whose NaN steps lanes would not round as Lucene does
        }
        double next = pass(aOpt, bOpt, points, norm2);
        if (next > loss) {
          break;
        }
        a = aOpt;
        b = bOpt;
        loss = next;
      }
    }
    float step = (b - a) / (points - 1f);
    int codeSum = encodeLanes(a, b, step, codes);
    for (int i = bound; i < n; i++) {
      codeSum += code(residual[i], a, b, step, codes, i);
    }
    return new QuantizationResult(a, b, centroidDot, codeSum);
  }

  /**
   * One pass on {@code [a, b]}: returns Lucene's loss of the interval, {@code (1 − λ)·(Σ r·(r −
   * q))² / |r|² + λ·Σ (r − q)²} for the dequantised components {@code q}, and leaves in {@link
   * #lanes} the sums of a descent step from it over the components' grid fractions {@code s}.
   */
  private double pass(float a, float b, int points, float norm2) {
    Arrays.fill(lanes, 0f);
    float top = points - 1f;
    float step = (b - a) / top;
    float stepInv = top / (b - a);
    passLanes(a, b, step, stepInv, 1f / top);
    fold(PASS_SUMS);
    passRange(bound, residual.length, a, b, step, stepInv, 1f / top, 0);
    float xe = lanes[0];
    float e = lanes[LANES];
    return (1.0 - LAMBDA) * xe * xe / norm2 + LAMBDA * e;
  }

  /** Adds each sum's lanes in lane order into its first slot. */
  private void fold(int sums) {
    for (int q = 0; q < sums; q++) {
      float total = lanes[q * LANES];
      for (int lane = 1; lane < LANES; lane++) {
        total += lanes[q * LANES + lane];
      }
      lanes[q * LANES] = total;
    }
  }

  /** The statistics of the components before {@link #bound}, lane by lane; the vector API overrides it. */
  void momentLanes(float[] vector, float[] centroid) {
    momentRange(vector, centroid, 0, bound, LANES - 1);
  }

  /** Components {@code [from, to)} into lane {@code i & laneMask} of each statistic. */
  final void momentRange(float[] vector, float[] centroid, int from, int to, int laneMask) {
    for (int i = from; i < to; i++) {
      int lane = i & laneMask;
      float r = vector[i] - centroid[i];
      residual[i] = r;
      lanes[lane] = Math.fma(vector[i], centroid[i], lanes[lane]);
      lanes[LANES + lane] += r;
      lanes[2 * LANES + lane] = Math.fma(r, r, lanes[2 * LANES + lane]);
      lowest = Math.min(lowest, r);
      highest = Math.max(highest, r);
    }
  }

  /** The pass's sums over the components before {@link #bound}, lane by lane; the vector API overrides it. */
  void passLanes(float a, float b, float step, float stepInv, float topInv) {
    passRange(0, bound, a, b, step, stepInv, topInv, LANES - 1);
  }

  /** Components {@code [from, to)} into lane {@code i & laneMask} of each of the pass's sums. */
  final void passRange(int from, int to, float a, float b, float step, float stepInv, float topInv, int laneMask) {
    for (int i = from; i < to; i++) {
      int lane = i & laneMask;
      float r = residual[i];
      float k = (int) ((Math.min(b, Math.max(a, r)) - a) * stepInv + 0.5f); // ≥ 0: truncation rounds
      float miss = r - Math.fma(k, step, a);
      float s = k * topInv;
      float t = 1f - s;
      lanes[lane] = Math.fma(r, miss, lanes[lane]);
      lanes[LANES + lane] = Math.fma(miss, miss, lanes[LANES + lane]);
      lanes[2 * LANES + lane] = Math.fma(t, t, lanes[2 * LANES + lane]);
      lanes[3 * LANES + lane] = Math.fma(t, s, lanes[3 * LANES + lane]);
      lanes[4 * LANES + lane] = Math.fma(s, s, lanes[4 * LANES + lane]);
      lanes[5 * LANES + lane] = Math.fma(r, t, lanes[5 * LANES + lane]);
      lanes[6 * LANES + lane] = Math.fma(r, s, lanes[6 * LANES + lane]);
    }
  }

  /** Codes of the components before {@link #bound}; returns their sum. The vector API overrides it. */
  int encodeLanes(float a, float b, float step, byte[] codes) {
    int sum = 0;
    for (int i = 0; i < bound; i++) {
      sum += code(residual[i], a, b, step, codes, i);
    }
    return sum;
  }

  /** Writes the code of {@code r} on {@code [a, b]} into {@code codes[i]} and returns it. */
  static int code(float r, float a, float b, float step, byte[] codes, int i) {
    int code = (int) ((Math.min(b, Math.max(a, r)) - a) / step + 0.5f);
    codes[i] = (byte) code;
    return code;
  }
}
