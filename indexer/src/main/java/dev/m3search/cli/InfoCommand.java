package dev.m3search.cli;

import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.codecs.vectors.CpuFeatures;
import dev.m3search.engine.index.IndexInfo;
import dev.m3search.engine.index.LexicalAnalysis;
import dev.m3search.engine.model.BuiltInModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "info", description = "Documents, bytes per field and format, and the model of an index (read from its last commit; no model is loaded).")
final class InfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--index", required = true, paramLabel = "DIR")
  Path index;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    IndexInfo info = IndexInfo.read(index);
    out.printf("index:     %s%n", index);
    out.printf("documents: %,d (%,d deleted, %d segments)%n", info.documents(), info.deletedDocuments(), info.segments());
    out.printf("model:     %s%n", info.model());
    out.printf("lexical:   %s%n", LexicalAnalysis.fromCommitData(info.commitData()));
    out.printf("built-in models: %s (use with --model NAME)%n", String.join(", ", BuiltInModel.labels()));
    out.println("bytes per part:");
    for (Map.Entry<String, Long> e : info.bytesByPart().entrySet()) {
      out.printf("  %-48s %,15d  %s%n", e.getKey(), e.getValue(), human(e.getValue()));
    }
    out.printf("  %-48s %,15d  %s%n", "total", info.totalBytes(), human(info.totalBytes()));
    if (info.tokens() != null) {
      IndexInfo.TokenStorage tokens = info.tokens();
      out.printf(
          "colbert:   %,d tokens of %d dimensions, mode %s, %.2f bytes per token (float32: %d, %.1fx smaller)%n",
          tokens.tokens(), tokens.dimension(), tokens.describeModes(), tokens.bytesPerToken(),
          tokens.dimension() * Float.BYTES, tokens.compression());
    }
    CpuFeatures cpu = CpuFeatures.detect();
    out.printf("cpu:       %s%n", cpu.describe());
    if (info.tokens() != null) {
      for (String mode : info.tokens().tokensByMode().keySet()) {
        out.printf("  MaxSim on %s: %s%n", mode, TokenVectorMode.parse(mode).kernel(cpu));
      }
    }
    if (!info.commitData().isEmpty()) {
      out.println("last commit:");
      info.commitData().forEach((key, value) -> out.printf("  %s = %s%n", key, value));
    }
    out.flush();
    return 0;
  }

  private static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format("%.1f %s", value, units[unit]);
  }
}
