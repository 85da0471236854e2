package dev.m3search.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.model.M3Encoder;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.SearchOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.TopDocs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of the package docs of {@code dev.m3search.engine.index}, as they print it, run. */
class PackageDocsExampleTest {
  @TempDir Path dir;

  @SuppressWarnings("unused")
  private static void example(Path dir) throws Exception {
    // example:begin
    try (M3Encoder encoder = M3Encoder.openDefault();
         M3Index index = M3Index.open(dir, encoder, IndexConfig.defaults().withMaxStaleness(Duration.ofSeconds(1)))) {
      index.add(List.of(
          new SourceDocument("d1", "Tides", "The Moon's gravity raises the sea twice a day.", Map.of("topic", "astronomy")),
          new SourceDocument("d2", "Bread", "Dough rises because yeast makes gas.", Map.of("topic", "cooking"))));
      index.commit(Map.of());                            // durable and visible to search

      EncodedQuery query = index.encodeQuery("why does the sea rise");
      SearchOptions options = SearchOptions.defaults(index.defaultFusion()).withK(1);
      try (IndexSnapshot snapshot = index.snapshot()) {  // one point in time for every page
        List<SearchHit> first = snapshot.search(query, options);
        List<SearchHit> second = snapshot.search(query, options.withFrom(1));
        for (SearchHit hit : first) {
          System.out.println(hit.rank() + " " + hit.id() + " " + hit.score() + " " + hit.legs());
          System.out.println(snapshot.explain(query, options, hit.id()));  // each leg's part
        }
        System.out.println(second.getFirst().rank() + " " + second.getFirst().id());
        // or run the Lucene query yourself, beside any other: the same hits, scores and order
        TopDocs top = snapshot.searcher().search(snapshot.query(query, options.withK(2)), 2);
        System.out.println(top.scoreDocs[0].score + " " + top.scoreDocs[1].score);
      }
    }
    // example:end
  }

  @Test
  void thePackageDocsShowThisExample() throws Exception {
    String docs = Files.readString(Path.of("src/main/java/dev/m3search/engine/index/package-info.java"));
    String shown = docs.substring(docs.indexOf("<pre>{@code") + "<pre>{@code".length(), docs.indexOf("}</pre>"));
    String test = Files.readString(Path.of("src/test/java/dev/m3search/engine/index/PackageDocsExampleTest.java"));
    String run = test.substring(test.indexOf("// example:begin") + "// example:begin".length(), test.indexOf("    // example:end"));
    assertEquals(lines(shown, true), lines(run, false));
  }

  /** The lines of a block, stripped (and without javadoc's leading {@code *}), blank lines dropped. */
  private static List<String> lines(String block, boolean javadoc) {
    return block.lines().map(String::strip).map(l -> javadoc && l.startsWith("*") ? l.substring(1).strip() : l)
        .filter(l -> !l.isEmpty()).toList();
  }

  @Test
  void theExampleRunsAndItsPagesAreTheLuceneSearch() throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      example(dir);
    } finally {
      System.setOut(out);
    }
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    String[] hit = lines.getFirst().split(" ");
    assertEquals(List.of("1", "d1"), List.of(hit[0], hit[1]), lines.getFirst());
    assertTrue(lines.getFirst().contains("LegScores[dense="), lines.getFirst());
    assertTrue(lines.stream().anyMatch(l -> l.equals("2 d2")), String.join("\n", lines));
    String[] scores = lines.getLast().split(" ");
    assertEquals(hit[2], scores[0], "the first page's score is the Lucene search's first");
    assertTrue(Float.parseFloat(scores[0]) > Float.parseFloat(scores[1]), String.join("\n", lines));
  }
}
