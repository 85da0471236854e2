package dev.m3search.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.onnx.TinyEncoder;
import dev.m3search.query.SearchOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A metadata key of different JSON types in different documents (a number, a string, a boolean, a
 * null, an array of mixed values, a nested object and the same dotted key as a string) indexes,
 * across segments and reopens, and is filtered by keyword and by range.
 */
class MixedMetadataIndexTest {
  @RegisterExtension static final TinyEncoder TINY = new TinyEncoder();

  @TempDir Path dir;

  private static SourceDocument doc(String id, String key, Object value) {
    Map<String, Object> metadata = new HashMap<>();
    metadata.put(key, value);
    return new SourceDocument(id, "", "alpha beta", metadata);
  }

  @Test
  void aKeyOfEveryTypeIndexesAcrossSegmentsAndFilters() throws Exception {
    try (M3Index index = M3Index.open(dir, TINY.encoder())) {
      index.add(List.of(doc("number", "year", 2001), doc("string", "year", "n.d.")));
      index.commit(Map.of());
      index.add(
          List.of(
              doc("array", "year", List.of(1999, "circa 2000", 2005.5)),
              doc("object", "year", Map.of("start", 1990, "end", "today")),
              doc("dotted", "year.start", "unknown"),
              doc("nested-array", "year", Map.of("start", Arrays.asList(1980, "about then", null)))));
      index.commit(Map.of());
      index.add(
          List.of(
              doc("boolean", "year", true),
              doc("null", "year", null),
              doc("double", "year", 2001.0),
              doc("numeric-string", "year", "2001"),
              doc("empty-array", "year", List.of())));
      index.commit(Map.of());
      assertTrue(index.info().segments() >= 3, "one segment per commit: " + index.info().segments());
      assertEquals("field-per-kind", index.lastCommitData().get("m3.metadata.layout"));
    }
    // reopened, a string where the first segment holds a number still indexes
    try (M3Index index = M3Index.open(dir, TINY.encoder())) {
      index.add(List.of(doc("later", "year", "forthcoming"), doc("later-number", "year", 2030)));
      index.commit(Map.of());

      assertEquals(List.of("double", "number", "numeric-string"), ids(index, "year=2001"), "2001, 2001.0 and \"2001\"");
      assertEquals(List.of("string"), ids(index, "year=n.d."));
      assertEquals(List.of("array"), ids(index, "year=circa 2000"));
      assertEquals(List.of("array"), ids(index, "year=1999"));
      assertEquals(List.of("boolean"), ids(index, "year=true"));
      assertEquals(List.of("later"), ids(index, "year=forthcoming"));
      assertEquals(List.of("array", "double", "later-number", "number"), ids(index, "year>=2000"), "numbers only");
      assertEquals(List.of("array"), ids(index, "year<2000"));
      assertEquals(List.of("array", "double", "number"), ids(index, "year>2000", "year<2003"), "each filter on any value");
      assertEquals(List.of("object"), ids(index, "year.start>=1985"));
      assertEquals(List.of("nested-array", "object"), ids(index, "year.start<1995"));
      assertEquals(List.of("dotted"), ids(index, "year.start=unknown"));
      assertEquals(List.of("nested-array"), ids(index, "year.start=about then"));
      assertEquals(List.of("object"), ids(index, "year.end=today"));
      assertEquals(List.of(), ids(index, "year>=2100"));

      assertEquals(List.of(1999L, "circa 2000", 2005.5), index.get("array").orElseThrow().metadata().get("year"));
      assertEquals(Map.of(), index.get("null").orElseThrow().metadata(), "a null is dropped");
    }
  }

  @Test
  void aValueTooLongForAKeywordIsStoredButNotMatched() throws Exception {
    String longest = "é".repeat(16_383); // 32,766 bytes of UTF-8, the most a Lucene term holds
    String tooLong = "é".repeat(16_384);
    try (M3Index index = M3Index.open(dir, TINY.encoder())) {
      index.add(
          List.of(
              doc("longest", "note", longest),
              doc("too-long", "note", tooLong),
              doc("in-array", "note", List.of(tooLong, "short", 7))));
      index.commit(Map.of());
      assertEquals(List.of("longest"), ids(index, "note=" + longest));
      assertEquals(List.of(), ids(index, "note=" + tooLong));
      assertEquals(List.of("in-array"), ids(index, "note=short"), "the other values of the key match");
      assertEquals(List.of("in-array"), ids(index, "note>5"));
      assertEquals(tooLong, index.get("too-long").orElseThrow().metadata().get("note"), "stored as given");
    }
  }

  private static List<String> ids(M3Index index, String... filters) throws IOException {
    SearchOptions options =
        SearchOptions.defaults(index.defaultFusion()).withK(100).withFilter(Filters.parse(List.of(filters)));
    return index.search("alpha", options).stream().map(SearchHit::id).sorted().toList();
  }
}
