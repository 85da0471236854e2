package dev.m3search.cli;

import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.TokenBatch;
import dev.m3search.indexer.CorpusLine;
import dev.m3search.indexer.CorpusReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Measures the encoder's overhead: {@link M3Encoder#encodeDocuments} (tokenize, batch by length,
 * run, decode all legs) against bare ONNX Runtime runs of the same tokenized, padded batches. The
 * two alternate round by round so that machine noise hits both alike.
 */
@Command(
    name = "encoder-bench",
    description = "Compare M3Encoder throughput with a bare ONNX Runtime session on the same tokenized batches.")
final class EncoderBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "A BEIR corpus.jsonl to take texts from.")
  Path input;

  @Option(names = "--docs", paramLabel = "N", description = "Texts per round (default: ${DEFAULT-VALUE}).")
  int docs = 512;

  @Option(names = "--rounds", paramLabel = "N", description = "Measured rounds of each (default: ${DEFAULT-VALUE}).")
  int rounds = 3;

  @Mixin ModelOptions modelOptions;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<String> texts = readTexts();
    try (M3Encoder encoder = modelOptions.open()) {
      List<TokenBatch> batches =
          encoder.tokenizer().batchByLength(encoder.tokenizer().tokenize(texts).ids(), encoder.options().batchSize());
      out.printf(
          "%d texts from %s, model %s, batch %d, %d threads%n",
          texts.size(), input, encoder.identity().name(), encoder.options().batchSize(), encoder.options().threads());
      runBare(encoder, batches);
      encoder.encodeDocuments(texts);
      long bareNanos = 0;
      long encoderNanos = 0;
      for (int round = 1; round <= rounds; round++) {
        long t0 = System.nanoTime();
        runBare(encoder, batches);
        long t1 = System.nanoTime();
        encoder.encodeDocuments(texts);
        long t2 = System.nanoTime();
        bareNanos += t1 - t0;
        encoderNanos += t2 - t1;
        out.printf(
            "round %d: bare ONNX Runtime %.1f docs/s, M3Encoder %.1f docs/s%n",
            round, texts.size() * 1e9 / (t1 - t0), texts.size() * 1e9 / (t2 - t1));
        out.flush();
      }
      double bare = (double) texts.size() * rounds * 1e9 / bareNanos;
      double full = (double) texts.size() * rounds * 1e9 / encoderNanos;
      out.printf("bare ONNX Runtime: %.1f docs/s%n", bare);
      out.printf("M3Encoder:         %.1f docs/s%n", full);
      out.printf("ratio M3Encoder / bare: %.3f%n", full / bare);
      out.flush();
      return 0;
    }
  }

  private static void runBare(M3Encoder encoder, List<TokenBatch> batches) throws Exception {
    for (TokenBatch batch : batches) {
      encoder.runBare(batch);
    }
  }

  private List<String> readTexts() throws Exception {
    List<String> texts = new ArrayList<>();
    try (CorpusReader reader = new CorpusReader(input)) {
      CorpusLine line;
      while (texts.size() < docs && (line = reader.next()) != null) {
        texts.add(line.document().encodedText());
      }
    }
    return texts;
  }
}
