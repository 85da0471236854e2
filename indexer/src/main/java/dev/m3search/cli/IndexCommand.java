package dev.m3search.cli;

import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.indexer.BadInputException;
import dev.m3search.indexer.CorpusIndexer;
import dev.m3search.indexer.CorpusReader;
import dev.m3search.indexer.ErrorPolicy;
import dev.m3search.indexer.IndexingSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "index",
    description = "Encode a BEIR corpus (JSONL, optionally .gz) and add it to an index; a document whose _id exists replaces it.")
final class IndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "corpus.jsonl or corpus.jsonl.gz: _id, title, text; other keys become metadata.")
  Path input;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder, created when missing.")
  Path index;

  @Option(names = "--on-error", paramLabel = "fail|skip", description = "On a bad line: fail (stop, index stays at its last commit) or skip (report it and go on). Default: ${DEFAULT-VALUE}.")
  String onError = "fail";

  @Option(names = "--commit-every", paramLabel = "N", description = "Commit every N documents (default: ${DEFAULT-VALUE}).")
  long commitEvery = 10_000;

  @Mixin ModelOptions modelOptions;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ErrorPolicy policy = parsePolicy();
    if (!Files.isRegularFile(input)) {
      throw new NoSuchFileException(input.toString(), null, "input file does not exist");
    }
    boolean terminal = ConsoleProgress.isTerminal();
    try (M3Encoder encoder = modelOptions.open();
        M3Index target = M3Index.open(index, encoder);
        CorpusReader reader = new CorpusReader(input);
        ConsoleProgress progress = new ConsoleProgress(out, err, terminal ? countLines(input) : -1, terminal)) {
      CorpusIndexer indexer =
          new CorpusIndexer(target, policy, encoder.options().batchSize() * 8, commitEvery, progress);
      IndexingSummary summary;
      try {
        summary = indexer.run(reader);
      } catch (BadInputException e) {
        progress.close();
        err.println("m3search index: " + e.getMessage());
        err.println(
            "the index at " + index + " is as its last commit left it ("
                + target.lastCommitData().getOrDefault("m3.indexer.documents", "0")
                + " documents of the last run); fix the line, or pass --on-error skip");
        return 1;
      }
      progress.close();
      print(out, summary);
      return 0;
    }
  }

  private ErrorPolicy parsePolicy() {
    return switch (onError) {
      case "fail" -> ErrorPolicy.FAIL;
      case "skip" -> ErrorPolicy.SKIP;
      default -> throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--on-error takes fail or skip, got '" + onError + "'");
    };
  }

  private void print(PrintWriter out, IndexingSummary s) {
    out.printf(
        "indexed %,d documents from %s into %s in %.1f s (%.1f docs/s)%n",
        s.documents(), input, index, s.totalNanos() / 1e9, s.documentsPerSecond());
    if (s.duplicates() > 0) {
      out.printf("replaced %,d documents whose _id appeared again later in the input%n", s.duplicates());
    }
    out.printf("skipped %,d bad lines%n", s.skipped());
    out.printf("truncated %,d texts to the model's maximum length%n", s.truncated());
    out.printf(
        "time: encoding %.1f s, index writing %.1f s (%.1f %% of encoding)%n",
        s.encodeNanos() / 1e9, s.writeNanos() / 1e9, 100 * s.writeToEncodeRatio());
    out.flush();
  }

  private static long countLines(Path file) throws IOException {
    try (var raw = Files.newInputStream(file);
        var in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
      return lines.lines().count();
    }
  }
}
