package dev.m3search.cli;

import dev.m3search.engine.index.Filters;
import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.indexer.CorpusIndexer;
import dev.m3search.indexer.CorpusReader;
import dev.m3search.indexer.ErrorPolicy;
import dev.m3search.indexer.IndexingSummary;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import dev.m3search.query.SparseKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "demo",
    description = "Index the bundled sample corpus with the model and run example queries, showing per-leg scores.")
final class DemoCommand implements Callable<Integer> {
  private static final String CORPUS = "demo/corpus.jsonl";
  private static final String QUERIES = "demo/queries.txt";
  private static final int HITS_PER_QUERY = 3;

  @Spec CommandSpec spec;

  @Option(names = "--index", paramLabel = "DIR", description = "Where to build the demo index (default: m3search-demo in the temp folder).")
  Path index = Path.of(System.getProperty("java.io.tmpdir"), "m3search-demo");

  @Mixin ModelOptions modelOptions;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path corpus = Files.createTempFile("m3search-demo-corpus", ".jsonl");
    try (M3Encoder encoder = modelOptions.open();
        M3Index demoIndex = M3Index.open(index, encoder)) {
      copyResource(CORPUS, corpus);
      out.printf("model: %s%n", encoder.identity());
      IndexingSummary summary;
      try (CorpusReader reader = new CorpusReader(corpus)) {
        summary = CorpusIndexer.forEncoder(demoIndex, ErrorPolicy.FAIL, Long.MAX_VALUE, silent(out)).run(reader);
      }
      out.printf(
          "indexed %d sample passages into %s in %.1f s%n%n", summary.documents(), index, summary.totalNanos() / 1e9);
      HitPrinter printer = new HitPrinter(out);
      SearchOptions options = SearchOptions.defaults(demoIndex.defaultFusion()).withK(HITS_PER_QUERY);
      out.printf("hybrid score: %s%n", options.fusion().describe());
      out.printf(
          "legs: dense = dot product, sparse = %s, colbert = MaxSim over token vectors%n%n",
          encoder.identity().sparseKind() == SparseKind.LEXICAL ? "BM25 over English words" : "learned token weights");
      for (String query : queries()) {
        printer.text(query, demoIndex.search(query, options), Map.of());
        out.println();
      }
      String query = "how do plants get energy";
      out.println("the same search with a metadata filter, topic=gardening, dense leg only:");
      printer.text(
          query,
          demoIndex.search(
              query,
              options.withMode(SearchMode.DENSE).withFilter(Filters.metadataEquals(Map.of("topic", "gardening")))),
          Map.of());
      out.printf("%nsearch it yourself: bin/m3search search --index %s \"your question\"%n", index);
      out.flush();
      return 0;
    } finally {
      Files.deleteIfExists(corpus);
    }
  }

  private static dev.m3search.indexer.IndexingListener silent(PrintWriter out) {
    return new dev.m3search.indexer.IndexingListener() {
      @Override
      public void warn(String message) {
        out.println("warning: " + message);
      }

      @Override
      public void progress(long documents, long line) {}

      @Override
      public void committed(long documents, long line) {}
    };
  }

  private static void copyResource(String name, Path target) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("the demo resource " + name + " is missing from the build");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static List<String> queries() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(QUERIES)) {
      if (in == null) {
        throw new IOException("the demo resource " + QUERIES + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
  }
}
