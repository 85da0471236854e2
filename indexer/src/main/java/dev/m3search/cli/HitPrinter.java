package dev.m3search.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.m3search.engine.index.SearchHit;
import dev.m3search.query.SearchMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints search hits for people (text) or programs (JSON). */
final class HitPrinter {
  private static final int SNIPPET_CHARS = 160;
  private final PrintWriter out;

  HitPrinter(PrintWriter out) {
    this.out = out;
  }

  void text(String query, List<SearchHit> hits) {
    out.printf("query: %s%n", query);
    if (hits.isEmpty()) {
      out.println("  no hits");
    }
    for (SearchHit hit : hits) {
      out.printf(
          Locale.ROOT,
          "%3d. %-12s score %8.4f | dense %.4f  sparse %.4f  colbert %.4f%n",
          hit.rank(),
          hit.id(),
          hit.score(),
          hit.legs().dense(),
          hit.legs().sparse(),
          hit.legs().colbert());
      String body = hit.title().isEmpty() ? hit.text() : hit.title() + " — " + hit.text();
      out.printf("     %s%n", snippet(body));
    }
    out.flush();
  }

  void json(String query, SearchMode mode, List<SearchHit> hits) throws IOException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("query", query);
    result.put("mode", mode.name().toLowerCase(Locale.ROOT));
    result.put(
        "hits",
        hits.stream()
            .map(
                h -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("rank", h.rank());
                  m.put("id", h.id());
                  m.put("score", h.score());
                  m.put("dense", h.legs().dense());
                  m.put("sparse", h.legs().sparse());
                  m.put("colbert", h.legs().colbert());
                  m.put("title", h.title());
                  m.put("text", h.text());
                  m.put("metadata", h.metadata());
                  return m;
                })
            .toList());
    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
    out.flush();
  }

  private static String snippet(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, SNIPPET_CHARS - 1) + "…";
  }
}
