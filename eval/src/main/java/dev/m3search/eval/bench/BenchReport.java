package dev.m3search.eval.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** A benchmark as markdown (for people) and JSON (for comparing runs). */
public final class BenchReport {
  private BenchReport() {}

  public static String markdown(BenchResult r) {
    StringBuilder md = new StringBuilder();
    md.append("# Search benchmark\n\n");
    md.append("- index: `").append(r.index()).append("`, ").append(r.documents()).append(" documents, model ").append(r.model()).append('\n');
    md.append(String.format(Locale.ROOT, "- %d queries, k = %d, %d candidates per first-stage leg, warm-up %d per mode, each query run %d time(s)%n",
        r.queries(), r.options().k(), r.options().candidates(), r.options().warmup(), r.options().repeat()));
    md.append(String.format(Locale.ROOT, "- on disk %,d bytes (%,.0f a document); heap in use after the searches, after a full GC: %,.1f MiB%n",
        r.bytesOnDisk(), (double) r.bytesOnDisk() / Math.max(1, r.documents()), r.heapBytes() / 1048576.0));
    if (r.encoding() == null) {
      md.append("- queries generated with the documents, not encoded\n\n");
    } else {
      md.append(String.format(Locale.ROOT, "- query encoding (apart from search): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.1f queries/s%n%n",
          r.encoding().p50Ms(), r.encoding().p95Ms(), r.encoding().p99Ms(), r.encoding().qps()));
    }
    md.append("Search on encoded queries:\n\n");
    md.append("| mode | threads | p50 ms | p95 ms | p99 ms | mean ms | QPS | recall@").append(r.options().k()).append(" vs exact |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, Map<Integer, LatencyStats>> mode : r.search().entrySet()) {
      for (Map.Entry<Integer, LatencyStats> t : mode.getValue().entrySet()) {
        LatencyStats s = t.getValue();
        md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.1f | %.4f |%n",
            mode.getKey(), t.getKey(), s.p50Ms(), s.p95Ms(), s.p99Ms(), s.meanMs(), s.qps(), r.recallAgainstExact().get(mode.getKey())));
      }
    }
    md.append("\nSingle-leg searches against the bare Lucene query they wrap, same searcher, one thread, run alternately")
        .append(" (each query's median of its runs):\n\n")
        .append("| leg | Lucene query p50 ms | + load hits' documents p50 ms | m3search p50 ms | p99 ms | m3search / Lucene with documents |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    for (SingleLegOverhead o : r.singleLegOverhead()) {
      md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.2f× |%n", o.leg(), o.lucene().p50Ms(),
          o.luceneWithDocuments().p50Ms(), o.m3search().p50Ms(), o.m3search().p99Ms(), o.ratio()));
    }
    return md.toString();
  }

  public static void write(BenchResult result, Path out) throws IOException {
    Files.createDirectories(out);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("bench.json").toFile(), result);
    Files.writeString(out.resolve("bench.md"), markdown(result));
  }
}
