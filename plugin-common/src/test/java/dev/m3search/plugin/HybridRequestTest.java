package dev.m3search.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.m3search.query.LegWeights;
import dev.m3search.query.SearchMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The body both plugins' {@code m3_hybrid} take: parsed, written to JSON and to the wire, and read back alike. */
class HybridRequestTest {
  private static final String BODY = "{\"field\": \"emb\", \"query\": {\"dense\": [0.6, 0.8], \"sparse\": {\"t\": 0.5},"
      + " \"colbert\": [[1, 0], [0, 1]]}, \"mode\": \"colbert\", \"fusion\": \"rrf\", \"weights\": [0.4, 0.1, 0.5], \"depth\": 50,"
      + " \"filter\": {\"term\": {\"tag\": \"x\"}}}";

  /** Parses {@code json}, handing the plugin's keys to {@code seen}. */
  private static HybridRequest parse(String json, List<String> seen) throws IOException {
    JacksonSource parser = new JacksonSource(json);
    return HybridRequest.parse(parser, (key, source) -> {
      seen.add(key);
      int depth = 0; // skip the value, as a plugin's own parser would read it
      do {
        JsonSource.Kind kind = source.current();
        depth += kind == JsonSource.Kind.START_OBJECT || kind == JsonSource.Kind.START_ARRAY ? 1
            : kind == JsonSource.Kind.END_OBJECT || kind == JsonSource.Kind.END_ARRAY ? -1 : 0;
        if (depth > 0) {
          source.next();
        }
      } while (depth > 0);
    });
  }

  @Test
  void readsTheBodyAndLeavesThePluginsKeysToIt() throws IOException {
    List<String> seen = new ArrayList<>();
    HybridRequest request = parse(BODY, seen);
    assertEquals(List.of("filter"), seen);
    assertEquals("emb", request.field());
    assertEquals(SearchMode.COLBERT, request.options().mode());
    assertEquals(new LegWeights(0.4f, 0.1f, 0.5f), request.options().weights());
    assertEquals(50, request.options().depth());
    assertEquals(2, request.query().tokenVectors().length);
  }

  @Test
  void survivesTheWireAndJson() throws IOException {
    HybridRequest request = parse(BODY, new ArrayList<>());
    assertEquals(request, HybridRequest.fromBytes(request.toBytes()));
    String json = new ObjectMapper().writeValueAsString(request.toJson());
    assertEquals(request, parse(json, new ArrayList<>()), json);
    HybridRequest text = parse("{\"field\": \"emb\", \"text\": \"" + "capital of France ".repeat(5000) + "\"}", new ArrayList<>());
    assertEquals(text, HybridRequest.fromBytes(text.toBytes()));
    assertEquals(text, parse(new ObjectMapper().writeValueAsString(text.toJson()), new ArrayList<>()));
  }

  @Test
  void aBodyNeedsAFieldAndOneOfQueryAndText() {
    IllegalArgumentException neither = assertThrows(IllegalArgumentException.class, () -> parse("{\"field\": \"emb\"}", new ArrayList<>()));
    assertTrue(neither.getMessage().contains("[field] is required, and one of [query] and [text]"), neither.getMessage());
    IllegalArgumentException noSparse = assertThrows(IllegalArgumentException.class,
        () -> parse("{\"field\": \"emb\", \"query\": {\"dense\": [1]}}", new ArrayList<>()));
    assertTrue(noSparse.getMessage().contains("[query] needs dense, sparse"), noSparse.getMessage());
  }
}
