package dev.m3search.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.index.Filters;
import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.index.SearchHit;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.query.SearchOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code index}, {@code search} and {@code info} commands on the default model, bad input included. */
class IndexCommandTest {
  private static M3Encoder encoder;

  @TempDir Path dir;

  @BeforeAll
  static void openEncoder() throws Exception {
    encoder = M3Encoder.openDefault();
  }

  @AfterAll
  static void closeEncoder() throws Exception {
    encoder.close();
  }

  private static String line(String id, String text) {
    return "{\"_id\": \"" + id + "\", \"title\": \"\", \"text\": \"" + text + "\", \"topic\": \"t\"}\n";
  }

  private Path corpus(String name, byte[] bytes) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private List<SearchHit> search(Path index, String query, int k) throws Exception {
    try (M3Index opened = M3Index.openReadOnly(index, encoder)) {
      return opened.search(query, SearchOptions.defaults(opened.defaultFusion()).withK(k));
    }
  }

  private int documents(Path index) throws Exception {
    try (M3Index opened = M3Index.openReadOnly(index, encoder)) {
      return opened.info().documents();
    }
  }

  @Test
  void skipReportsEveryBadLineByNumberAndIndexesTheGoodOnes() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(utf8(line("a", "The first version of document a talks about apples.")));
    bytes.writeBytes(utf8("{\"_id\": \"broken\", \"text\": \"unterminated\n"));
    bytes.writeBytes(utf8("{\"title\": \"no id here\", \"text\": \"lost\"}\n"));
    bytes.writeBytes(utf8(line("a", "The second version of document a is about volcanoes erupting.")));
    bytes.writeBytes(utf8("{\"_id\": \"empty\", \"text\": \"\"}\n"));
    bytes.writeBytes(utf8(line("long", "lava ".repeat(20_000))));
    bytes.writeBytes(utf8("{\"_id\": \"latin1\", \"text\": \"caf"));
    bytes.writeBytes(new byte[] {(byte) 0xE9});
    bytes.writeBytes(utf8("\"}\n"));
    bytes.writeBytes(utf8(line("c", "Penguins live in the southern hemisphere.")));
    Path input = corpus("corpus.jsonl", bytes.toByteArray());
    Path index = dir.resolve("index");

    CliRun run = CliRun.of("index", "--input", input.toString(), "--index", index.toString(), "--on-error", "skip");

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.err().contains(input + ":2: malformed JSON"), run.toString());
    assertTrue(run.err().contains(input + ":3: missing \"_id\""), run.toString());
    assertTrue(run.err().contains(input + ":4: duplicate _id \"a\" (first on line 1); this line replaces it"), run.toString());
    assertTrue(run.err().contains(input + ":6: text of _id \"long\" truncated to the model's maximum of 512 tokens"), run.toString());
    assertTrue(run.err().contains(input + ":7: invalid UTF-8"), run.toString());
    assertEquals(1, count(run.err(), input + ":2:"), "each bad line is reported once: " + run);
    assertTrue(run.out().contains("skipped 3 bad lines"), run.toString());
    assertTrue(run.out().contains("empty documents: 1"), run.toString());
    assertTrue(run.out().contains("truncated 1 texts"), run.toString());
    assertTrue(run.out().contains("time: encoding"), run.toString());

    assertEquals(4, documents(index), "a (replaced), empty, long, c");
    SearchHit top = search(index, "volcano eruption", 1).get(0);
    assertEquals("a", top.id());
    assertTrue(top.text().contains("volcanoes"), "the later line replaced the earlier one");
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void emptyDocumentsAreIndexedCountedAndFoundByIdAndFilter() throws Exception {
    Path input =
        corpus(
            "corpus.jsonl",
            utf8(
                line("full", "Volcanoes erupt when magma rises.")
                    + "{\"_id\": \"blank\", \"title\": \"\", \"text\": \"\", \"topic\": \"none\"}\n"
                    + "{\"_id\": \"missing\", \"kind\": \"stub\"}\n"));
    Path index = dir.resolve("index");
    CliRun run = CliRun.of("index", "--input", input.toString(), "--index", index.toString());
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("empty documents: 2"), run.toString());
    assertEquals(3, documents(index), "every document, empty ones included");
    try (M3Index opened = M3Index.openReadOnly(index, encoder)) {
      assertTrue(opened.get("blank").isPresent(), "found by id");
      List<SearchHit> filtered =
          opened.search("anything", SearchOptions.defaults(opened.defaultFusion()).withFilter(Filters.parse("kind=stub")));
      assertEquals(List.of("missing"), filtered.stream().map(SearchHit::id).toList(), "found by filter");
    }
  }

  @Test
  void aBadLastLineFailsBeforeTheModelRunsAndSkipIndexesTheRest() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 2000; i++) {
      text.append(line("d" + i, "Passage " + i + " is about topic " + (i % 13) + "."));
    }
    text.append("{\"_id\": \"d2001\", \"text\": \"cut off\n");
    Path input = corpus("corpus.jsonl", utf8(text.toString()));
    Path index = dir.resolve("index");

    CliRun fail = CliRun.of("index", "--input", input.toString(), "--index", index.toString());
    assertEquals(1, fail.exit(), fail.toString());
    assertTrue(fail.err().contains(input + ":2001: malformed JSON"), fail.toString());
    assertTrue(fail.err().contains("nothing was encoded"), fail.toString());
    assertFalse(Files.exists(index), "the model never ran: not even the index folder was made");

    CliRun skip = CliRun.of("index", "--input", input.toString(), "--index", index.toString(), "--on-error", "skip");
    assertEquals(0, skip.exit(), skip.toString());
    assertTrue(skip.err().contains(input + ":2001: malformed JSON"), skip.toString());
    assertTrue(skip.out().contains("skipped 1 bad lines"), skip.toString());
    assertEquals(2000, documents(index));
  }

  @Test
  void failStopsAtTheBadLineAndKeepsTheLastCommit() throws Exception {
    Path index = dir.resolve("index");
    Path good = corpus("good.jsonl", utf8(line("g1", "Rivers carry sediment to the sea.") + line("g2", "Glaciers carve valleys.")));
    assertEquals(0, CliRun.of("index", "--input", good.toString(), "--index", index.toString()).exit());

    Path bad = corpus("bad.jsonl", utf8(line("n1", "A new document that must not survive.") + "{not json}\n" + line("n2", "never read")));
    CliRun run = CliRun.of("index", "--input", bad.toString(), "--index", index.toString());

    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.err().contains(bad + ":2: malformed JSON"), run.toString());
    assertTrue(run.err().contains("nothing was encoded and " + index + " is unchanged"), run.toString());
    assertEquals(2, documents(index), "the earlier commit is intact and nothing of the failed run was kept");
    assertFalse(search(index, "new document that must not survive", 5).stream().anyMatch(h -> h.id().startsWith("n")));
  }

  @Test
  void searchAndInfoPrintPerLegScoresAndBytesPerField() throws Exception {
    Path index = dir.resolve("index");
    Path input =
        corpus(
            "corpus.jsonl",
            utf8(
                line("sun", "The Sun is a star at the centre of the solar system.")
                    + line("bread", "Sourdough bread rises because of wild yeast.")
                    + "{\"_id\": \"moon\", \"title\": \"Moon\", \"text\": \"The Moon orbits the Earth.\", \"topic\": \"space\","
                    + " \"tags\": [\"orbit\", \"satellite\"], \"year\": 1969}\n"));
    assertEquals(0, CliRun.of("index", "--input", input.toString(), "--index", index.toString()).exit());

    CliRun search = CliRun.of("search", "--index", index.toString(), "--k", "2", "what star is the solar system built around");
    assertEquals(0, search.exit(), search.toString());
    assertTrue(search.out().contains("1. sun"), search.toString());
    assertTrue(search.out().matches("(?s).*dense \\d\\.\\d{4}  sparse \\d+\\.\\d{4}  colbert \\d\\.\\d{4}.*"), search.toString());

    CliRun filtered = CliRun.of("search", "--index", index.toString(), "--filter", "topic=space", "--json", "star");
    assertEquals(0, filtered.exit(), filtered.toString());
    assertTrue(filtered.out().contains("\"id\" : \"moon\""), filtered.toString());
    assertFalse(filtered.out().contains("\"id\" : \"sun\""), filtered.toString());
    assertTrue(filtered.out().contains("\"tags\" : [ \"orbit\", \"satellite\" ]"), filtered.toString());

    CliRun arrayAndRange =
        CliRun.of("search", "--index", index.toString(), "--filter", "tags=satellite", "--filter", "year>=1960", "--json", "star");
    assertEquals(0, arrayAndRange.exit(), arrayAndRange.toString());
    assertTrue(arrayAndRange.out().contains("\"id\" : \"moon\""), arrayAndRange.toString());
    CliRun outOfRange = CliRun.of("search", "--index", index.toString(), "--filter", "year<1969", "--json", "star");
    assertFalse(outOfRange.out().contains("\"id\" : \"moon\""), outOfRange.toString());

    for (String mode : List.of("dense", "sparse", "colbert")) {
      CliRun leg = CliRun.of("search", "--index", index.toString(), "--mode", mode, "--k", "1", "sourdough yeast");
      assertEquals(0, leg.exit(), leg.toString());
      assertTrue(leg.out().contains("1. bread"), mode + ": " + leg);
    }

    CliRun info = CliRun.of("info", "--index", index.toString());
    assertEquals(0, info.exit(), info.toString());
    assertTrue(info.out().contains("documents: 3"), info.toString());
    assertTrue(info.out().contains("bge-small-en-v1.5"), info.toString());
    assertTrue(info.out().contains("built-in models: bge-small-en-v1.5, bge-small-en-v1.5-q"), info.toString());
    for (String part : List.of("dense (Lucene99HnswVectorsFormat)", "sparse (Lucene104)", "colbert (M3LateInteraction10)", "stored fields", "mode 2bit")) {
      assertTrue(info.out().contains(part), part + " in\n" + info);
    }
  }

  @Test
  void missingInputAndBadOptionsAreClearErrors() {
    CliRun missing = CliRun.of("index", "--input", dir.resolve("nope.jsonl").toString(), "--index", dir.resolve("i").toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("no such file: " + dir.resolve("nope.jsonl")), missing.toString());

    CliRun policy = CliRun.of("index", "--input", "x", "--index", "y", "--on-error", "maybe");
    assertEquals(2, policy.exit());
    assertTrue(policy.err().contains("--on-error takes fail or skip"), policy.toString());

    CliRun noIndex = CliRun.of("search", "--index", dir.resolve("absent").toString(), "q");
    assertEquals(1, noIndex.exit());
    assertTrue(noIndex.err().contains("no m3search index at"), noIndex.toString());
  }
}
