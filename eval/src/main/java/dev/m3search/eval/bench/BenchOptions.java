package dev.m3search.eval.bench;

/**
 * How to benchmark search.
 *
 * @param k hits per query, and the cut-off of recall against exact search
 * @param candidates candidates per first-stage leg
 * @param warmup queries run per mode before measuring
 * @param repeat times each query is run per measurement
 * @param threads the concurrency of the multi-threaded measurement
 */
public record BenchOptions(int k, int candidates, int warmup, int repeat, int threads) {
  public BenchOptions {
    if (k < 1 || candidates < 1 || warmup < 0 || repeat < 1 || threads < 1) {
      throw new IllegalArgumentException("k, candidates, repeat and threads must be at least 1, warmup at least 0");
    }
  }
}
