package dev.m3search.eval.run;

import dev.m3search.eval.metrics.QueryBootstrap;
import dev.m3search.eval.metrics.RunMetrics;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hybrid run against the best single leg on the evaluated queries: the mean difference in
 * {@link EvalOptions#SWEEP_TARGET} and its 90% paired bootstrap interval, so a reader sees whether
 * a difference is more than the few queries allow.
 *
 * @param bestLeg the leg with the highest mean on these queries
 * @param mean hybrid minus that leg, mean over the queries
 * @param low the 5% bootstrap quantile of that mean
 * @param high the 95% bootstrap quantile
 */
public record HybridGain(String bestLeg, double mean, double low, double high, int queries) {
  private static final List<String> LEGS = List.of("dense", "sparse", "colbert");

  /** Over the legs that have a run (no ColBERT run on an index without token vectors); null when the hybrid run, or the dense or sparse run, is missing. */
  static HybridGain of(Map<String, RunMetrics> metrics) {
    RunMetrics hybrid = metrics.get("hybrid");
    if (hybrid == null || !metrics.keySet().containsAll(LEGS.subList(0, 2)) || hybrid.perQuery().isEmpty()) {
      return null;
    }
    String metric = EvalOptions.SWEEP_TARGET.name();
    String best = LEGS.stream().filter(metrics::containsKey).max((a, b) -> Double.compare(metrics.get(a).mean(metric), metrics.get(b).mean(metric))).orElseThrow();
    List<String> queryIds = List.copyOf(hybrid.perQuery().keySet());
    double[] differences = new double[queryIds.size()];
    for (int q = 0; q < differences.length; q++) {
      Map<String, Double> leg = metrics.get(best).perQuery().getOrDefault(queryIds.get(q), Map.of());
      differences[q] = hybrid.perQuery().get(queryIds.get(q)).get(metric) - leg.getOrDefault(metric, 0.0);
    }
    double[] means = new QueryBootstrap(differences.length).means(differences);
    return new HybridGain(best, hybrid.mean(metric) - metrics.get(best).mean(metric),
        QueryBootstrap.quantile(means, 0.05), QueryBootstrap.quantile(means, 0.95), differences.length);
  }

  public String describe() {
    return String.format(Locale.ROOT,
        "hybrid against the best single leg (%s): %+.4f %s, 90%% bootstrap interval [%+.4f, %+.4f] over %d queries",
        bestLeg, mean, EvalOptions.SWEEP_TARGET.name(), low, high, queries);
  }
}
