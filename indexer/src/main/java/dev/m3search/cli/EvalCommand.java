package dev.m3search.cli;

import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.model.CrossEncoder;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.eval.beir.BeirDataset;
import dev.m3search.eval.report.EvaluationReport;
import dev.m3search.eval.run.EvalOptions;
import dev.m3search.eval.run.Evaluation;
import dev.m3search.eval.run.EvaluationResult;
import dev.m3search.eval.run.FusionSetting;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "eval",
    description = "Evaluate an index on a BEIR dataset: TREC runs per leg and fused, metrics.json, report.md and plots.")
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "BEIR folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv.")
  Path dataset;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "An index of the dataset's corpus.")
  Path index;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the runs and the report go.")
  Path out;

  @Option(
      names = "--split",
      paramLabel = "NAME",
      description = "qrels split (default: ${DEFAULT-VALUE}, every judged query of qrels/test.tsv, as BEIR and MTEB report)."
          + " A dataset without qrels/dev.tsv has its test queries split in two with a fixed seed:"
          + " dev (choose settings there) and test (report them there).")
  String split = BeirDataset.ALL;

  @Option(names = "--depth", paramLabel = "N", description = "Documents per query in each run (default: ${DEFAULT-VALUE}).")
  int depth = 100;

  @Option(names = "--candidates", paramLabel = "N", description = "Candidates per first-stage leg (default: ${DEFAULT-VALUE}).")
  int candidates = 100;

  @Option(names = "--exact", description = "Also score every leg by brute force over the whole index (the quality ceiling).")
  boolean exact;

  @Option(names = "--sweep", description = "Try a grid of fusion methods and weights, and report the best.")
  boolean sweep;

  @Mixin ModelOptions modelOptions;

  @Mixin RerankerOptions rerankerOptions;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    BeirDataset beir = new BeirDataset(dataset);
    try (M3Encoder encoder = modelOptions.openFor(index);
        M3Index opened = M3Index.openReadOnly(index, encoder);
        CrossEncoder crossEncoder = rerankerOptions.open()) {
      EvalOptions evalOptions = new EvalOptions(split, depth, candidates, exact, sweep);
      stdout.println("split " + beir.split(split).description());
      EvaluationResult result =
          Evaluation.run(opened, beir, evalOptions, rerankerOptions.reranker(crossEncoder), line -> {
            stdout.println(line);
            stdout.flush();
          });
      EvaluationReport.write(result, out);
      stdout.printf("%n%-14s %9s %9s %10s %8s %8s%n", "run", "nDCG@10", "R@10", "R@100", "MRR@10", "MAP");
      result.metrics().forEach((run, m) -> stdout.printf(Locale.ROOT, "%-14s %9.4f %9.4f %10.4f %8.4f %8.4f%n",
          run, m.mean("ndcg@10"), m.mean("recall@10"), m.mean("recall@100"), m.mean("mrr@10"), m.mean("map")));
      if (result.hybridGain() != null) {
        stdout.printf("%n%s%n", result.hybridGain().describe());
      }
      if (!result.sweep().isEmpty()) {
        FusionSetting best = result.sweep().get(0);
        stdout.printf(Locale.ROOT,
            "%nbest fusion: %s, weights %.1f,%.1f,%.1f: nDCG@10 %.4f, gain over the best single leg %+.4f or more on %.0f%% of resampled query sets%n",
            best.method(), best.weights().dense(), best.weights().sparse(), best.weights().colbert(), best.score(),
            best.gainLowerBound(), 100 * (1 - EvalOptions.SWEEP_GAIN_QUANTILE));
      }
      stdout.printf("%nwrote runs, metrics.json, report.md and plots to %s%n", out);
      stdout.flush();
      return 0;
    }
  }
}
