package dev.m3search.cli;

import dev.m3search.engine.index.IndexConfig;
import dev.m3search.engine.index.M3Index;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "merge",
    description =
        "Force-merges an index into fewer segments, in the storage modes it records, and commits; no model is loaded."
            + " For an index that is built once and then searched.")
final class MergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--index", required = true, paramLabel = "DIR")
  Path index;

  @Option(names = "--max-segments", paramLabel = "N", description = "Segments to keep at most (default: ${DEFAULT-VALUE}).")
  int maxSegments = 1;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    try (M3Index opened = M3Index.open(index, IndexConfig.defaults())) {
      int before = opened.info().segments();
      opened.forceMerge(maxSegments);
      spec.commandLine().getOut().printf(
          "merged %s from %d segment%s to %d in %.1f s%n",
          index, before, before == 1 ? "" : "s", opened.info().segments(), (System.nanoTime() - start) / 1e9);
    }
    return 0;
  }
}
