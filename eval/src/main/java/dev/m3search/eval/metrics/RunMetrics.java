package dev.m3search.eval.metrics;

import dev.m3search.eval.beir.Qrels;
import dev.m3search.eval.trec.TrecRun;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics of one run: per query and the mean over the queries that are both judged and in the
 * run (trec_eval's default).
 *
 * @param perQuery query id → metric name → value
 * @param mean metric name → mean over the queries
 */
public record RunMetrics(Map<String, Map<String, Double>> perQuery, Map<String, Double> mean) {

  public static RunMetrics of(TrecRun run, Qrels qrels, List<Metric> metrics) {
    Map<String, Map<String, Double>> perQuery = new LinkedHashMap<>();
    for (String queryId : qrels.queryIds()) {
      if (!run.rankings().containsKey(queryId)) {
        continue;
      }
      Map<String, Double> values = new LinkedHashMap<>();
      for (Metric metric : metrics) {
        values.put(metric.name(), metric.score(run.ranking(queryId), qrels.of(queryId)));
      }
      perQuery.put(queryId, Collections.unmodifiableMap(values));
    }
    Map<String, Double> mean = new LinkedHashMap<>();
    for (Metric metric : metrics) {
      mean.put(
          metric.name(),
          perQuery.values().stream().mapToDouble(v -> v.get(metric.name())).average().orElse(0));
    }
    return new RunMetrics(Collections.unmodifiableMap(perQuery), Collections.unmodifiableMap(mean));
  }

  public double mean(String metric) {
    Double value = mean.get(metric);
    if (value == null) {
      throw new IllegalArgumentException("metric " + metric + " was not computed; have " + mean.keySet());
    }
    return value;
  }
}
