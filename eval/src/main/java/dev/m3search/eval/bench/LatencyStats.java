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

  /** Query {@code i} of a measured set; may throw what a search throws. */
  public interface QueryRun {
    void run(int query) throws java.io.IOException;
  }

  /** Minimum warm-up of each measurement, so fast and slow measurements get as long. */
  public static final long WARM_UP_MILLIS = 3_000;

  /**
   * Warms the JIT up, as JMH's warm-up iterations do: runs the queries in turn at least {@code
   * minRuns} times in all and for at least {@code minMillis}. A count alone was not enough: a
   * MaxSim kernel on 100,000 documents reached its compiled speed only after about 300 queries,
   * so a fast leg got far fewer seconds of warm-up than a slow baseline.
   */
  public static void warmUp(int queries, int minRuns, long minMillis, QueryRun run) throws java.io.IOException {
    long end = System.nanoTime() + minMillis * 1_000_000;
    for (int i = 0; i < minRuns || System.nanoTime() < end; i++) {
      run.run(i % queries);
    }
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
