package dev.m3search.cli;

import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.TokenBatch;
import dev.m3search.indexer.CorpusIndexer;
import dev.m3search.indexer.CorpusLine;
import dev.m3search.indexer.CorpusReader;
import dev.m3search.indexer.ErrorPolicy;
import dev.m3search.indexer.IndexingListener;
import dev.m3search.indexer.IndexingSummary;
import dev.m3search.indexer.InputCheck;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Measures the encoder's overhead: {@link M3Encoder#encodeDocuments} (tokenize, batch by length,
 * run, decode all legs) against bare ONNX Runtime runs of the same texts, tokenized and padded into
 * the same batches; with {@code --index-into}, also the whole indexing pipeline of {@code index}
 * (check the input, encode, write, commit) into a fresh index. They alternate round by round so
 * that machine noise hits all alike.
 */
@Command(
    name = "encoder-bench",
    description = "Compare M3Encoder, and optionally end-to-end indexing, with a bare ONNX Runtime session on the same texts.")
final class EncoderBenchCommand implements Callable<Integer> {
  private static final int WARM_UP_TEXTS = 256;

  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "A BEIR corpus.jsonl to take texts from.")
  Path input;

  @Option(names = "--docs", paramLabel = "N", description = "Texts per round (default: ${DEFAULT-VALUE}).")
  int docs = 512;

  @Option(names = "--rounds", paramLabel = "N", description = "Measured rounds of each (default: ${DEFAULT-VALUE}).")
  int rounds = 3;

  @Option(names = "--index-into", paramLabel = "DIR", description = "Also index the texts into DIR (emptied each round) as `index` does, and compare.")
  Path indexDir;

  @Mixin ModelOptions modelOptions;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<String> lines = readLines();
    List<String> texts = new ArrayList<>();
    try (CorpusReader reader = new CorpusReader(input)) {
      CorpusLine line;
      while (texts.size() < lines.size() && (line = reader.next()) != null) {
        texts.add(line.document().encodedText());
      }
    }
    Path sample = indexDir == null ? null : Files.createTempFile("m3search-encoder-bench", ".jsonl");
    try (M3Encoder encoder = modelOptions.open()) {
      if (sample != null) {
        Files.write(sample, lines, StandardCharsets.UTF_8);
      }
      List<TokenBatch> batches = encoder.batches(texts);
      out.printf(
          "%d texts from %s, model %s, batches of at most %d texts and %d tokens, %d threads%n",
          texts.size(), input, encoder.identity().name(), encoder.options().batchSize(), encoder.options().batchTokens(),
          encoder.options().threads());
      // warm-up: JIT and ONNX Runtime's first runs, on a few batches of each (indexing too, whose
      // first run loads and compiles the writer's code: a round of 512 texts ran at 0.80 of the next)
      List<String> warmUp = texts.subList(0, Math.min(texts.size(), WARM_UP_TEXTS));
      runBare(encoder, encoder.batches(warmUp));
      encoder.encodeDocuments(warmUp);
      if (sample != null) {
        Path warmUpSample = Files.createTempFile("m3search-encoder-bench-warm-up", ".jsonl");
        try {
          Files.write(warmUpSample, lines.subList(0, Math.min(lines.size(), WARM_UP_TEXTS)), StandardCharsets.UTF_8);
          indexOnce(encoder, warmUpSample);
        } finally {
          Files.deleteIfExists(warmUpSample);
        }
      }
      long bareNanos = 0;
      long encoderNanos = 0;
      long indexNanos = 0;
      for (int round = 1; round <= rounds; round++) {
        long t0 = System.nanoTime();
        runBare(encoder, batches);
        long t1 = System.nanoTime();
        encoder.encodeDocuments(texts);
        long t2 = System.nanoTime();
        IndexRound indexed = sample != null ? indexOnce(encoder, sample) : null;
        long t3 = System.nanoTime();
        bareNanos += t1 - t0;
        encoderNanos += t2 - t1;
        indexNanos += t3 - t2;
        out.printf(
            "round %d: bare ONNX Runtime %.1f docs/s, M3Encoder %.1f docs/s%s%n",
            round, rate(texts.size(), t1 - t0), rate(texts.size(), t2 - t1),
            indexed != null ? String.format(", index end to end %.1f docs/s (%s)", rate(texts.size(), t3 - t2), indexed) : "");
        out.flush();
      }
      double bare = rate((long) texts.size() * rounds, bareNanos);
      double full = rate((long) texts.size() * rounds, encoderNanos);
      out.printf("bare ONNX Runtime: %.1f docs/s%n", bare);
      out.printf("M3Encoder:         %.1f docs/s%n", full);
      out.printf("ratio M3Encoder / bare: %.3f%n", full / bare);
      if (sample != null) {
        double indexed = rate((long) texts.size() * rounds, indexNanos);
        out.printf("index end to end:  %.1f docs/s%n", indexed);
        out.printf("ratio index / bare: %.3f%n", indexed / bare);
      }
      out.flush();
      return 0;
    } finally {
      if (sample != null) {
        Files.deleteIfExists(sample);
      }
    }
  }

  private static double rate(long documents, long nanos) {
    return documents * 1e9 / nanos;
  }

  /** Where a round of {@code index} spent its time, beside encoding. */
  private record IndexRound(int segments, long checkNanos, IndexingSummary summary) {
    @Override
    public String toString() {
      return String.format(
          "%d segments; input check %.2f s, encoding %.2f s, waiting for writes and the commit %.2f s",
          segments, checkNanos / 1e9, summary.encodeNanos() / 1e9, summary.waitNanos() / 1e9);
    }
  }

  /** What {@code index} does, into an emptied folder: check the input, encode, write, commit. */
  private IndexRound indexOnce(M3Encoder encoder, Path sample) throws Exception {
    deleteTree(indexDir);
    long begin = System.nanoTime();
    IndexingListener quiet = new IndexingListener() {
      @Override
      public void warn(String message) {}

      @Override
      public void progress(long documents, long line) {}

      @Override
      public void committed(long documents, long line) {}
    };
    InputCheck check = InputCheck.of(sample, quiet);
    long checkNanos = System.nanoTime() - begin;
    try (M3Index index = M3Index.open(indexDir, encoder);
        CorpusReader reader = new CorpusReader(sample)) {
      IndexingSummary summary =
          CorpusIndexer.forEncoder(index, ErrorPolicy.SKIP, 10_000, quiet).reportedBadLines(check.badLineNumbers()).run(reader);
      if (summary.documents() != check.documents()) {
        throw new IllegalStateException("indexed " + summary.documents() + " of " + check.documents() + " documents");
      }
      return new IndexRound(index.info().segments(), checkNanos, summary);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void runBare(M3Encoder encoder, List<TokenBatch> batches) throws Exception {
    for (TokenBatch batch : batches) {
      encoder.runBare(batch);
    }
  }

  /** The first {@code docs} non-blank lines of the input. */
  private List<String> readLines() throws IOException {
    InputStream raw = Files.newInputStream(input);
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                input.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8))) {
      return lines.lines().filter(l -> !l.isBlank()).limit(docs).toList();
    }
  }
}
