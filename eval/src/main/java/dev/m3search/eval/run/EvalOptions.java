package dev.m3search.eval.run;

import dev.m3search.eval.metrics.Metric;
import java.util.List;

/**
 * How to evaluate.
 *
 * @param split the qrels split ({@code qrels/<split>.tsv})
 * @param depth documents per query in each run file
 * @param candidates candidates per first-stage leg of the approximate search
 * @param exact also score every leg by brute force over the whole index
 * @param sweep try a grid of fusion methods and weights over the approximate candidates
 */
public record EvalOptions(String split, int depth, int candidates, boolean exact, boolean sweep) {
  /** The metrics every report shows. */
  public static final List<Metric> METRICS =
      List.of(new Metric.Ndcg(10), new Metric.Recall(10), new Metric.Recall(100), new Metric.Mrr(10), new Metric.AveragePrecision());

  /** The cut-offs of the recall-against-k plot. */
  public static final int[] RECALL_CURVE = {1, 2, 5, 10, 20, 50, 100};

  /** The metric the sweep maximises. */
  public static final Metric SWEEP_TARGET = new Metric.Ndcg(10);

  /** The quantile of its resampled gains over the best single leg that ranks a setting in the sweep. */
  public static final double SWEEP_GAIN_QUANTILE = 0.1;

  public EvalOptions {
    if (depth < 1 || candidates < 1) {
      throw new IllegalArgumentException("depth and candidates must be at least 1");
    }
  }
}
