package dev.m3search.cli;

import dev.m3search.engine.index.IndexConfig;
import dev.m3search.engine.index.StorageModes;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.eval.compare.GeneratedIndex;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "generate",
    description =
        "Writes a new index of generated documents (dense vectors, words for the lexical leg, token vectors) in the model's"
            + " dimensions and the storage modes given, as index writes one; bench searches it with queries generated with it."
            + " For sizes no collection at hand has.")
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "A folder that does not hold an index yet.")
  Path index;

  @Option(names = "--docs", required = true, paramLabel = "N", description = "Documents to generate.")
  int documents;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the documents and queries (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--doc-tokens", paramLabel = "N", description = "Token vectors of every document; 0 draws 16 to 48 per document (default: ${DEFAULT-VALUE}).")
  int documentTokens;

  @Option(names = "--ram-buffer-mb", paramLabel = "MB", description = "Indexing buffer: a segment is flushed when it fills (default: ${DEFAULT-VALUE}).")
  double ramBufferMb = IndexConfig.DEFAULT_RAM_BUFFER_MB;

  @Mixin StorageModeOptions modes;

  @Mixin ModelOptions modelOptions;

  private int reported;

  @Override
  public Integer call() throws Exception {
    if (documentTokens < 0) {
      throw new ParameterException(spec.commandLine(), "--doc-tokens must not be negative, got " + documentTokens);
    }
    if (documents < 1) {
      throw new ParameterException(spec.commandLine(), "--docs must be at least 1, got " + documents);
    }
    if (Files.isDirectory(index)) {
      try (Stream<Path> entries = Files.list(index)) {
        if (entries.findAny().isPresent()) {
          throw new ParameterException(spec.commandLine(), index + " is not empty; generate writes a new index");
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    long start = System.nanoTime();
    try (M3Encoder encoder = modelOptions.open()) {
      IndexConfig config = IndexConfig.defaults().withStorage(modes.over(StorageModes.defaults())).withRamBufferMB(ramBufferMb);
      GeneratedIndex.build(index, documents, seed, documentTokens, encoder.identity(), config, written -> {
        // a line each time another 100,000 are written, and at the end
        if (written / 100_000 > reported / 100_000 || written == documents) {
          reported = written;
          out.printf("generated %,d of %,d documents, %.0f s%n", written, documents, (System.nanoTime() - start) / 1e9);
          out.flush();
        }
      });
    }
    return 0;
  }
}
