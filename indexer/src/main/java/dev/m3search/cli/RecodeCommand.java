package dev.m3search.cli;

import dev.m3search.engine.index.IndexRecoder;
import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.index.StorageModes;
import dev.m3search.engine.model.ModelIdentity;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "recode",
    description =
        "Writes an index into a new folder with other vector storage modes, without encoding any text"
            + " again. Quantised token vectors are re-quantised from what the source stores: recode from a"
            + " float32 index when quality matters. An index from an older m3search, which kept metadata"
            + " numbers in the keyword fields, is written with numbers in fields of their own, so any mix of"
            + " value types can be added to it.")
final class RecodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "The index to read.")
  Path index;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new or empty folder.")
  Path out;

  @Mixin StorageModeOptions modes; // a leg not named keeps the source's mode

  @Override
  public Integer call() throws Exception {
    StorageModes source = StorageModes.stored(index);
    ModelIdentity model = M3Index.storedIdentity(index);
    if (source == null || model == null) {
      throw new IllegalArgumentException("no m3search index at " + index);
    }
    StorageModes target = modes.over(source);
    long start = System.nanoTime();
    IndexRecoder.recode(index, out, target);
    spec.commandLine().getOut().printf(
        "recoded %s -> %s (dense %s, %s) in %.1f s%n",
        index, out, target.dense(), model.settings().hasTokenVectors() ? "colbert " + target.tokens() : "no token vectors",
        (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
