package dev.m3search.eval.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bootstrap resamples of a set of queries: how far a mean over twenty queries can be trusted. The
 * resamples are drawn once with a fixed seed, so every run resampled with them is paired with
 * every other, and a report is the same each time it is made.
 */
public final class QueryBootstrap {
  public static final int RESAMPLES = 2_000;
  private static final long SEED = 20261124L;
  private final int queries;
  private final int[][] resamples;

  public QueryBootstrap(int queries) {
    this.queries = queries;
    SplittableRandom random = new SplittableRandom(SEED);
    resamples = new int[RESAMPLES][queries];
    for (int[] resample : resamples) {
      for (int i = 0; i < queries; i++) {
        resample[i] = random.nextInt(queries);
      }
    }
  }

  /** The mean of {@code perQuery} (one value per query, in a fixed order) on each resample. */
  public double[] means(double[] perQuery) {
    if (perQuery.length != queries) {
      throw new IllegalArgumentException("expected " + queries + " per-query values, got " + perQuery.length);
    }
    double[] means = new double[RESAMPLES];
    for (int b = 0; b < RESAMPLES; b++) {
      double sum = 0;
      for (int q : resamples[b]) {
        sum += perQuery[q];
      }
      means[b] = sum / Math.max(1, queries);
    }
    return means;
  }

  /** The {@code q} quantile of {@code values} (nearest rank, on a sorted copy). */
  public static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
  }
}
