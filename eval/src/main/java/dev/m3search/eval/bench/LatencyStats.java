package dev.m3search.eval.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies, in milliseconds (nearest-rank percentiles).
 *
 * @param count measurements
 * @param qps operations per second of wall time
 */
public record LatencyStats(int count, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs, double qps) {

  /** Statistics of {@code nanos}, measured over {@code wallNanos} of wall time. */
  public static LatencyStats of(long[] nanos, long wallNanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
    return new LatencyStats(
        sorted.length,
        mean,
        percentile(sorted, 50),
        percentile(sorted, 95),
        percentile(sorted, 99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
        wallNanos == 0 ? 0 : sorted.length * 1e9 / wallNanos);
  }

  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  /** Something to time; may throw what a search throws. */
  public interface Timed {
    void run() throws java.io.IOException;
  }

  /** Runs {@code timed} {@code repeat} times and returns the median of its latencies, in nanoseconds. */
  public static long medianNanos(int repeat, Timed timed) throws java.io.IOException {
    long[] runs = new long[repeat];
    for (int r = 0; r < repeat; r++) {
      long start = System.nanoTime();
      timed.run();
      runs[r] = System.nanoTime() - start;
    }
    Arrays.sort(runs);
    return runs[repeat / 2];
  }
}
