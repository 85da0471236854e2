package dev.m3search.eval.trec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A TREC run: for each query, a ranked list of documents. Files hold one line per document,
 * {@code qid Q0 docid rank score tag}.
 */
public final class TrecRun {
  /**
   * trec_eval's order: score descending, ties by document id descending. The rank column of a
   * file is ignored, as trec_eval ignores it.
   */
  public static final Comparator<RankedDoc> TREC_EVAL_ORDER =
      Comparator.comparingDouble(RankedDoc::score).reversed().thenComparing(RankedDoc::docId, Comparator.reverseOrder());

  private final String tag;
  private final Map<String, List<RankedDoc>> rankings = new LinkedHashMap<>();

  public TrecRun(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }

  /** Sets the ranking of a query; it is kept in trec_eval's order. */
  public void put(String queryId, List<RankedDoc> ranking) {
    List<RankedDoc> sorted = new ArrayList<>(ranking);
    sorted.sort(TREC_EVAL_ORDER);
    rankings.put(queryId, Collections.unmodifiableList(sorted));
  }

  public Map<String, List<RankedDoc>> rankings() {
    return Collections.unmodifiableMap(rankings);
  }

  public List<RankedDoc> ranking(String queryId) {
    return rankings.getOrDefault(queryId, List.of());
  }

  public void write(Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, List<RankedDoc>> e : rankings.entrySet()) {
        int rank = 1;
        for (RankedDoc doc : e.getValue()) {
          out.write(String.format(Locale.ROOT, "%s Q0 %s %d %.6f %s%n", e.getKey(), doc.docId(), rank++, doc.score(), tag));
        }
      }
    }
  }

  /** Reads a run file; a malformed line is an error naming the file and line. */
  public static TrecRun read(Path file) throws IOException {
    Map<String, List<RankedDoc>> lists = new LinkedHashMap<>();
    String tag = null;
    long number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.trim().split("\\s+");
      if (parts.length != 6) {
        throw new IOException(file + ":" + number + ": expected 'qid Q0 docid rank score tag', got '" + line + "'");
      }
      double score;
      try {
        score = Double.parseDouble(parts[4]);
      } catch (NumberFormatException e) {
        throw new IOException(file + ":" + number + ": score '" + parts[4] + "' is not a number");
      }
      lists.computeIfAbsent(parts[0], q -> new ArrayList<>()).add(new RankedDoc(parts[2], score));
      tag = tag == null ? parts[5] : tag;
    }
    TrecRun run = new TrecRun(tag == null ? "" : tag);
    lists.forEach(run::put);
    return run;
  }
}
