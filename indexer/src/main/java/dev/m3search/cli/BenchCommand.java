package dev.m3search.cli;

import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.codecs.vectors.CpuFeatures;
import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.eval.bench.BenchOptions;
import dev.m3search.eval.bench.BenchReport;
import dev.m3search.eval.bench.BenchResult;
import dev.m3search.eval.bench.QueryFile;
import dev.m3search.eval.bench.SearchBenchmark;
import java.io.PrintWriter;
import dev.m3search.eval.compare.GeneratedIndex;
import dev.m3search.eval.compare.LuceneComparison;
import dev.m3search.query.DefaultFusion;
import dev.m3search.query.EncodedQuery;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "bench",
    description = "Search latency percentiles and QPS per mode at 1 and N threads, query encoding apart, recall against exact search.")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--index", required = true, paramLabel = "DIR")
  Path index;

  @Option(
      names = "--queries",
      paramLabel = "FILE",
      description = "BEIR queries.jsonl, or one query per line; for an index written by generate, its generated queries by default.")
  Path queries;

  @Option(names = "--k", paramLabel = "N", description = "Hits per query and recall cut-off (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--candidates", paramLabel = "N", description = "Candidates per first-stage leg (default: ${DEFAULT-VALUE}).")
  int candidates = 100;

  @Option(names = "--warmup", paramLabel = "N", description = "Queries run per mode before measuring; the single-leg comparison also warms up for at least 3 s (default: ${DEFAULT-VALUE}).")
  int warmup = 200;

  @Option(names = "--repeat", paramLabel = "N", description = "Runs of each query per measurement (default: ${DEFAULT-VALUE}).")
  int repeat = 3;

  @Option(names = "--search-threads", paramLabel = "N", description = "Concurrency of the multi-threaded measurement (default: all cores).")
  Integer searchThreads;

  @Option(names = "--out", paramLabel = "DIR", description = "Also write bench.json and bench.md here.")
  Path out;

  @Option(
      names = "--compare-lucene",
      description =
          "Instead of the search benchmark: index this index's vectors again with Lucene's stock fields (LateInteractionField,"
              + " float32 HNSW) and with each m3search storage mode, and measure MaxSim, dense kNN and sparse pruning against"
              + " them in this run; then the same on generated documents (--synthetic-docs).")
  boolean compareLucene;

  @Option(
      names = "--compare-parts",
      split = ",",
      paramLabel = "PART",
      description = "Measurements of --compare-lucene, comma-separated: ${COMPLETION-CANDIDATES} (default: all; dense and sparse on an index without token vectors).")
  List<LuceneComparison.Part> compareParts;

  @Option(names = "--synthetic-docs", paramLabel = "N", description = "Generated documents for --compare-lucene; 0 skips them (default: ${DEFAULT-VALUE}).")
  int syntheticDocs = 100_000;

  @Option(names = "--work", paramLabel = "DIR", description = "Where --compare-lucene builds its indexes (default: the system temp folder).")
  Path work;

  @Mixin ModelOptions modelOptions;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    BenchOptions options =
        new BenchOptions(k, candidates, warmup, repeat, searchThreads != null ? searchThreads : Runtime.getRuntime().availableProcessors());
    // the code path a measurement took
    CpuFeatures cpu = CpuFeatures.detect();
    stdout.println("cpu: " + cpu.describe());
    for (TokenVectorMode mode : TokenVectorMode.values()) {
      stdout.println("  MaxSim on " + mode + ": " + mode.kernel(cpu));
    }
    try (M3Encoder encoder = modelOptions.openFor(index);
        M3Index opened = M3Index.openReadOnly(index, encoder)) {
      if (compareLucene) {
        return compareWithLucene(opened, stdout);
      }
      Consumer<String> progress = line -> {
        stdout.println(line);
        stdout.flush();
      };
      BenchResult result = queries == null
          ? SearchBenchmark.runEncoded(opened, generatedQueries(opened), null, options, progress)
          : SearchBenchmark.run(opened, QueryFile.read(queries), options, progress);
      stdout.println();
      stdout.print(BenchReport.markdown(result));
      if (out != null) {
        BenchReport.write(result, out);
        stdout.printf("%nwrote bench.json and bench.md to %s%n", out);
      }
      stdout.flush();
      return 0;
    }
  }

  private int compareWithLucene(M3Index opened, PrintWriter stdout) throws Exception {
    Set<LuceneComparison.Part> parts = compareParts != null ? EnumSet.copyOf(compareParts)
        : opened.hasTokenVectors() ? EnumSet.allOf(LuceneComparison.Part.class)
        : EnumSet.of(LuceneComparison.Part.DENSE, LuceneComparison.Part.SPARSE);
    if (!opened.hasTokenVectors()) {
      Set<LuceneComparison.Part> withTokens = EnumSet.of(LuceneComparison.Part.MAXSIM, LuceneComparison.Part.PIPELINE, LuceneComparison.Part.HYBRID);
      withTokens.retainAll(parts);
      if (!withTokens.isEmpty()) {
        throw new ParameterException(spec.commandLine(), index + " has no token vectors (model " + opened.model().name()
            + "), and --compare-parts " + withTokens.stream().map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).toList()
            + " compare late interaction; use --compare-parts dense,sparse");
      }
    }
    List<EncodedQuery> encoded = new ArrayList<>();
    if (queries == null) {
      encoded.addAll(generatedQueries(opened));
    } else {
      for (String query : QueryFile.read(queries)) {
        encoded.add(opened.encodeQuery(query));
      }
    }
    Path folder = LuceneComparison.workFolder(work != null ? work : Path.of(System.getProperty("java.io.tmpdir")));
    try {
      LuceneComparison comparison = new LuceneComparison(folder, repeat, parts, line -> {
        stdout.println(line);
        stdout.flush();
      });
      try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
        comparison.compareOnIndex(index, reader, encoded, opened.defaultFusion());
      }
      if (syntheticDocs > 0) {
        // generated sparse weights are learned weights, so the pipeline fuses them as such
        comparison.compareOnSynthetic(syntheticDocs, encoded.get(0).dense().length, 100, DefaultFusion.LEARNED);
      }
    } finally {
      IOUtils.rm(folder);
    }
    return 0;
  }

  private List<EncodedQuery> generatedQueries(M3Index opened) throws IOException {
    if (!GeneratedIndex.isGenerated(opened)) {
      throw new ParameterException(spec.commandLine(), "--queries is needed: " + index + " was not written by generate");
    }
    return GeneratedIndex.queries(opened);
  }
}
