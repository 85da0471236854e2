package dev.m3search.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.m3search.eval.metrics.Metric;
import dev.m3search.eval.metrics.QueryBootstrap;
import dev.m3search.eval.run.EvalOptions;
import dev.m3search.eval.run.EvaluationResult;
import dev.m3search.eval.run.FusionSetting;
import dev.m3search.query.LegWeights;
import dev.m3search.eval.trec.TrecRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an evaluation to a folder: one TREC run file per run ({@code dense.run}, ...),
 * {@code metrics.json}, {@code report.md} and the PNG plots it shows.
 */
public final class EvaluationReport {
  public static final String METRICS_PLOT = "metrics.png";
  public static final String RECALL_PLOT = "recall-at-k.png";
  private static final int SWEEP_ROWS = 10;

  private EvaluationReport() {}

  public static void write(EvaluationResult result, Path out) throws IOException {
    Files.createDirectories(out);
    for (Map.Entry<String, TrecRun> run : result.runs().entrySet()) {
      run.getValue().write(out.resolve(run.getKey() + ".run"));
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("metrics.json").toFile(), json(result));
    List<String> metricNames = EvalOptions.METRICS.stream().map(Metric::name).toList();
    Map<String, Map<String, Double>> means = new LinkedHashMap<>();
    result.metrics().forEach((run, m) -> means.put(run, m.mean()));
    Plots.metricBars(out.resolve(METRICS_PLOT), "Retrieval quality per run", metricNames, means);
    Plots.recallCurves(out.resolve(RECALL_PLOT), "Recall against k", result.recallCurve());
    Files.writeString(out.resolve("report.md"), markdown(result, metricNames), StandardCharsets.UTF_8);
  }

  private static Map<String, Object> json(EvaluationResult r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("dataset", r.dataset());
    root.put("split", r.split());
    root.put("model", r.model());
    root.put("documents", r.documents());
    root.put("queries", r.queries());
    root.put("hybridFusion", r.hybridFusion());
    Map<String, Object> runs = new LinkedHashMap<>();
    r.metrics().forEach((name, m) -> runs.put(name, m.mean()));
    root.put("runs", runs);
    Map<String, Object> perQuery = new LinkedHashMap<>();
    r.metrics().forEach((name, m) -> perQuery.put(name, m.perQuery()));
    root.put("perQuery", perQuery);
    root.put("recallCurve", r.recallCurve());
    if (!r.overlapWithExact().isEmpty()) {
      root.put("overlapWithExact", r.overlapWithExact());
    }
    if (r.hybridGain() != null) {
      root.put("hybridGain", r.hybridGain());
    }
    if (!r.sweep().isEmpty()) {
      root.put("sweep", r.sweep().stream().map(s -> Map.of(
          "method", s.method(),
          "weights", List.of(s.weights().dense(), s.weights().sparse(), s.weights().colbert()),
          EvalOptions.SWEEP_TARGET.name(), s.score(),
          "gainLowerBound", s.gainLowerBound())).toList());
    }
    root.put("encodeSeconds", r.encodeSeconds());
    root.put("searchSeconds", r.searchSeconds());
    return root;
  }

  private static String sweepRow(FusionSetting s) {
    return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %+.4f | %.4f |%n",
        s.method(), s.weights().dense(), s.weights().sparse(), s.weights().colbert(), s.gainLowerBound(), s.score());
  }

  private static String markdown(EvaluationResult r, List<String> metricNames) {
    StringBuilder md = new StringBuilder();
    md.append("# Evaluation\n\n");
    md.append("- dataset: `").append(r.dataset()).append("`, split `").append(r.split()).append("`, ")
        .append(r.queries()).append(" judged queries\n");
    md.append("- index: ").append(r.documents()).append(" documents, model ").append(r.model()).append('\n');
    md.append("- hybrid: ").append(r.hybridFusion()).append('\n');
    md.append(String.format(Locale.ROOT, "- time: query encoding %.1f s, approximate search %.1f s (all modes)%n%n",
        r.encodeSeconds(), r.searchSeconds()));
    md.append("Runs without a suffix are what the engine serves (dense kNN, sparse over impacts, ColBERT MaxSim over the ")
        .append("hybrid candidates, fused hybrid; `rerank`: the hybrid top reranked by a cross-encoder); `-exact` runs take ")
        .append("each leg's exact top list from scores of every document, and `hybrid-exact` fuses their union.\n\n");
    md.append("| run | ").append(String.join(" | ", metricNames)).append(" |\n");
    md.append("|---|").append("---:|".repeat(metricNames.size())).append('\n');
    r.metrics().forEach((run, m) -> {
      md.append("| ").append(run);
      for (String metric : metricNames) {
        md.append(String.format(Locale.ROOT, " | %.4f", m.mean(metric)));
      }
      md.append(" |\n");
    });
    if (r.hybridGain() != null) {
      md.append('\n').append(r.hybridGain().describe()).append(".\n");
    }
    md.append("\n![quality per run](").append(METRICS_PLOT).append(")\n\n");
    md.append("![recall against k](").append(RECALL_PLOT).append(")\n");
    if (!r.overlapWithExact().isEmpty()) {
      md.append("\n## Approximate against exact\n\nShare of the exact top k that the approximate run returns in its top k.\n\n");
      List<String> cuts = List.copyOf(r.overlapWithExact().values().iterator().next().keySet());
      md.append("| run | ").append(String.join(" | ", cuts)).append(" |\n|---|").append("---:|".repeat(cuts.size())).append('\n');
      r.overlapWithExact().forEach((run, shares) -> {
        md.append("| ").append(run);
        shares.values().forEach(v -> md.append(String.format(Locale.ROOT, " | %.4f", v)));
        md.append(" |\n");
      });
    }
    if (!r.sweep().isEmpty()) {
      String header = "| method | dense | sparse | colbert | gain over best leg, lower bound | mean "
          + EvalOptions.SWEEP_TARGET.name() + " |\n|---|---:|---:|---:|---:|---:|\n";
      md.append("\n## Fusion sweep\n\nEvery method with weights on a 0.1 grid (dense + sparse + colbert = 1), on the approximate ")
          .append("candidates; those that weigh every leg first, each ranked by how surely it beats the best single leg: the ")
          .append(String.format(Locale.ROOT, "%.0f%% quantile", 100 * EvalOptions.SWEEP_GAIN_QUANTILE))
          .append(" of its mean gain in ").append(EvalOptions.SWEEP_TARGET.name()).append(" over the best leg, across ")
          .append(QueryBootstrap.RESAMPLES).append(" bootstrap resamples of the queries. Choose defaults on a development split: ")
          .append("with few queries the best mean fits the queries it was measured on.\n\n");
      md.append(header);
      r.sweep().stream().limit(SWEEP_ROWS).forEach(s -> md.append(sweepRow(s)));
      md.append("\nThe best means:\n\n").append(header);
      r.sweep().stream().sorted(Comparator.comparingDouble(FusionSetting::score).reversed()).limit(SWEEP_ROWS / 2)
          .forEach(s -> md.append(sweepRow(s)));
      md.append("\nEach method with BGE-M3's default weights 0.4 / 0.2 / 0.4:\n\n").append(header);
      r.sweep().stream().filter(s -> s.weights().equals(LegWeights.BGE_M3)).forEach(s -> md.append(sweepRow(s)));
    }
    return md.toString();
  }
}
