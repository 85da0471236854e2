package dev.m3search.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.m3search.codecs.Leg;
import dev.m3search.engine.index.SearchHit;
import dev.m3search.query.SearchMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.search.Explanation;

/** Prints search hits for people (text) or programs (JSON). */
final class HitPrinter {
  private static final int SNIPPET_CHARS = 160;
  private final PrintWriter out;

  HitPrinter(PrintWriter out) {
    this.out = out;
  }

  /** @param explanations hit id → explanation; empty when not asked for */
  void text(String query, List<SearchHit> hits, Map<String, Explanation> explanations) {
    out.printf("query: %s%n", query);
    if (hits.isEmpty()) {
      out.println("  no hits");
    }
    for (SearchHit hit : hits) {
      out.printf(Locale.ROOT, "%3d. %-12s score %8.4f", hit.rank(), hit.id(), hit.score());
      String separator = " |";
      for (Leg leg : Leg.values()) {
        if (hit.legs().has(leg)) {
          out.printf(Locale.ROOT, "%s %s %.4f", separator, name(leg), hit.legs().of(leg));
          separator = " ";
        }
      }
      out.println();
      String body = hit.title().isEmpty() ? hit.text() : hit.title() + " — " + hit.text();
      out.printf("     %s%n", snippet(body));
      Explanation why = explanations.get(hit.id());
      if (why != null) {
        why.toString().lines().forEach(line -> out.printf("     %s%n", line));
      }
    }
    out.flush();
  }

  void json(String query, SearchMode mode, List<SearchHit> hits, Map<String, Explanation> explanations) throws IOException {
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
                  for (Leg leg : Leg.values()) {
                    if (h.legs().has(leg)) {
                      m.put(name(leg), h.legs().of(leg));
                    }
                  }
                  m.put("title", h.title());
                  m.put("text", h.text());
                  m.put("metadata", h.metadata());
                  if (explanations.containsKey(h.id())) {
                    m.put("explanation", tree(explanations.get(h.id())));
                  }
                  return m;
                })
            .toList());
    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
    out.flush();
  }

  private static String name(Leg leg) {
    return leg.name().toLowerCase(Locale.ROOT);
  }

  /** An explanation as nested maps: value, description, details. */
  private static Map<String, Object> tree(Explanation e) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("value", e.getValue());
    node.put("match", e.isMatch());
    node.put("description", e.getDescription());
    if (e.getDetails().length > 0) {
      node.put("details", java.util.Arrays.stream(e.getDetails()).map(HitPrinter::tree).toList());
    }
    return node;
  }

  private static String snippet(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, SNIPPET_CHARS - 1) + "…";
  }
}
