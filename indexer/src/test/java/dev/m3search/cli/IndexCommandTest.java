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
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
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
  void aKeyOfNumbersStringsAndBooleansIndexesEveryDocumentAndTheCheckNamesItsLines() throws Exception {
    Path input =
        corpus(
            "corpus.jsonl",
            utf8(
                """
                {"_id": "a", "text": "Tides rise twice a day.", "year": 2001}
                {"_id": "b", "text": "Undated notes on tides.", "year": "n.d."}
                {"_id": "c", "text": "A survey of two eras.", "year": [1999, "circa 2000"]}
                {"_id": "d", "text": "A yes or no year.", "year": true}
                {"_id": "e", "text": "A span of years.", "year": {"start": 1990, "end": "today"}}
                {"_id": "f", "text": "An unknown start.", "year.start": "unknown", "year.end": null}
                """));
    Path index = dir.resolve("index");
    CliRun run = CliRun.of("index", "--input", input.toString(), "--index", index.toString(), "--commit-every", "2");

    assertEquals(0, run.exit(), run.toString());
    assertTrue(
        run.err().contains(
            "warning: " + input + ": metadata key \"year\" holds numbers (first at line 1), strings (first at line 2)"
                + " and booleans (first at line 4); strings and booleans are matched as keywords only, range filters see the numbers"),
        run.toString());
    assertTrue(
        run.err().contains(
            "warning: " + input + ": metadata key \"year.start\" holds numbers (first at line 5) and strings (first at line 6);"
                + " strings are matched as keywords only, range filters see the numbers"),
        run.toString());
    assertFalse(run.err().contains("\"year.end\""), "a key of strings only (a null is no value) is not mixed: " + run);
    assertEquals(6, documents(index), run.toString());
    assertEquals(List.of("a"), filtered(index, "year>=2000"));
    assertEquals(List.of("c"), filtered(index, "year<2000"));
    assertEquals(List.of("b"), filtered(index, "year=n.d."));
    assertEquals(List.of("a"), filtered(index, "year=2001.0"));
    assertEquals(List.of("d"), filtered(index, "year=true"));
    assertEquals(List.of("e"), filtered(index, "year.start=1990"));
    assertEquals(List.of("f"), filtered(index, "year.start=unknown"));
  }

  @Test
  void anIndexOfTheOldMetadataLayoutRefusesAConflictingKeyBeforeEncodingAndRecodeMovesItsNumbers() throws Exception {
    Path index = dir.resolve("old-index");
    writeOldLayoutIndex(index);
    Path strings = corpus("strings.jsonl", utf8("{\"_id\": \"s\", \"text\": \"Undated notes.\", \"year\": \"n.d.\"}\n"));
    Path numbers = corpus("numbers.jsonl", utf8("{\"_id\": \"n\", \"text\": \"Dated notes.\", \"year\": 2001}\n"));
    Path mixed =
        corpus(
            "mixed.jsonl",
            utf8(
                """
                {"_id": "a", "text": "Tides rise twice a day.", "year": 2001}
                {"_id": "b", "text": "Undated notes on tides.", "year": "n.d."}
                """));

    for (Path input : List.of(strings, mixed)) {
      CliRun refused = CliRun.of("index", "--input", input.toString(), "--index", index.toString());
      assertEquals(1, refused.exit(), refused.toString());
      assertTrue(refused.err().contains("with this input metadata key \"year\" would"), refused.toString());
      assertTrue(refused.err().contains("Nothing was encoded and " + index + " is unchanged"), refused.toString());
      assertTrue(refused.err().contains("m3search recode --index " + index), refused.toString());
      assertEquals(1, documents(index));
    }
    CliRun appended = CliRun.of("index", "--input", numbers.toString(), "--index", index.toString());
    assertEquals(0, appended.exit(), "numbers where the index holds numbers fit its layout: " + appended);
    assertEquals(2, documents(index));

    Path recoded = dir.resolve("recoded");
    CliRun recode = CliRun.of("recode", "--index", index.toString(), "--out", recoded.toString());
    assertEquals(0, recode.exit(), recode.toString());
    CliRun run = CliRun.of("index", "--input", mixed.toString(), "--index", recoded.toString());
    assertEquals(0, run.exit(), run.toString());
    CliRun more = CliRun.of("index", "--input", strings.toString(), "--index", recoded.toString());
    assertEquals(0, more.exit(), more.toString());
    assertEquals(5, documents(recoded), "old, n, a, b, s");
  }

  /** An index as m3search wrote it before metadata numbers had fields of their own: one document, its points in meta.year. */
  private static void writeOldLayoutIndex(Path index) throws Exception {
    try (FSDirectory directory = FSDirectory.open(index);
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
      Document doc = new Document();
      doc.add(new StringField("id", "old", Field.Store.YES));
      doc.add(new StringField("meta.year", "1999", Field.Store.NO));
      doc.add(new DoublePoint("meta.year", 1999));
      writer.addDocument(doc);
      writer.setLiveCommitData(encoder.identity().toCommitData().entrySet());
      writer.commit();
    }
  }

  @Test
  void aMetadataValueTooLongForAKeywordIsIndexedStoredAndReported() throws Exception {
    String tooLong = "x".repeat(40_000);
    Path input =
        corpus(
            "corpus.jsonl",
            utf8(
                "{\"_id\": \"a\", \"text\": \"A short note.\", \"note\": \"short\"}\n"
                    + "{\"_id\": \"b\", \"text\": \"A long note.\", \"note\": \"" + tooLong + "\"}\n"
                    + "{\"_id\": \"c\", \"text\": \"Two notes.\", \"note\": [\"" + tooLong + "\", \"short\"]}\n"));
    Path index = dir.resolve("index");
    CliRun run = CliRun.of("index", "--input", input.toString(), "--index", index.toString());

    assertEquals(0, run.exit(), run.toString());
    assertTrue(
        run.err().contains(
            "warning: " + input + ": metadata key \"note\" has 2 values longer than a keyword can be (32,766 bytes of"
                + " UTF-8), first at line 2: stored with the documents, matched by no filter"),
        run.toString());
    assertEquals(3, documents(index));
    assertEquals(List.of("a", "c"), filtered(index, "note=short"));
    try (M3Index opened = M3Index.openReadOnly(index, encoder)) {
      assertEquals(tooLong, opened.get("b").orElseThrow().metadata().get("note"));
    }
  }

  private List<String> filtered(Path index, String filter) throws Exception {
    try (M3Index opened = M3Index.openReadOnly(index, encoder)) {
      SearchOptions options = SearchOptions.defaults(opened.defaultFusion()).withK(100).withFilter(Filters.parse(filter));
      return opened.search("year", options).stream().map(SearchHit::id).sorted().toList();
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
    for (String part : List.of("dense (Lucene99HnswVectorsFormat)", "sparse (Lucene104)", "colbert (M3v1Lucene90LateInteraction)", "stored fields", "mode 2bit")) {
      assertTrue(info.out().contains(part), part + " in\n" + info);
    }
  }

  /** Problem 8: {@code index} grows an existing index with the index's own model, as {@code search} reads it. */
  @Test
  void indexAppendsWithTheIndexsOwnModel() throws Exception {
    Path index = dir.resolve("quantised");
    Path first = corpus("first.jsonl", utf8(line("a", "Apples grow on trees in the orchard.")));
    Path second = corpus("second.jsonl", utf8(line("b", "Bread rises because yeast makes gas.")));
    CliRun built = CliRun.of("index", "--input", first.toString(), "--index", index.toString(), "--model", "bge-small-en-v1.5-q");
    assertEquals(0, built.exit(), built.toString());
    CliRun appended = CliRun.of("index", "--input", second.toString(), "--index", index.toString());
    assertEquals(0, appended.exit(), appended.toString());
    CliRun info = CliRun.of("info", "--index", index.toString());
    assertTrue(info.out().contains("documents: 2"), info.toString());
    assertTrue(info.out().contains("model:     bge-small-en-v1.5-q"), info.toString());
    CliRun found = CliRun.of("search", "--index", index.toString(), "--k", "1", "yeast bread");
    assertTrue(found.out().contains("1. b"), found.toString());
  }

  @Test
  void mergeForceMergesWithoutTheModelAndKeepsEveryDocument() throws Exception {
    Path index = dir.resolve("segmented");
    Path input = corpus("three.jsonl", utf8(line("a", "Apples grow on trees.") + line("b", "Bread needs yeast.") + line("c", "Cats sleep all day.")));
    CliRun built = CliRun.of("index", "--input", input.toString(), "--index", index.toString(), "--commit-every", "1");
    assertEquals(0, built.exit(), built.toString());
    assertTrue(built.out().contains("the index has 3 segments"), built.toString());
    CliRun merged = CliRun.of("merge", "--index", index.toString());
    assertEquals(0, merged.exit(), merged.toString());
    assertTrue(merged.out().contains("from 3 segments to 1"), merged.toString());
    assertEquals(3, documents(index));
    assertEquals("b", search(index, "yeast", 1).get(0).id());
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

  @Test
  void aKoreanCorpusIsDetectedAnalysedWithNoriAndTheEnglishModelSaysItDoesNotKnowKorean() throws Exception {
    Path input = corpus("ko.jsonl", utf8(line("seoul", "서울은 대한민국의 수도이며 가장 큰 도시이다.")
        + line("busan", "부산은 한국에서 두 번째로 큰 항구 도시이다.") + line("kimchi", "김치는 배추로 만드는 한국의 전통 음식이다.")));
    Path index = dir.resolve("ko-index");
    CliRun run = CliRun.of("index", "--input", input.toString(), "--index", index.toString());
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("language: ko, 100% of documents"), run.toString());
    assertTrue(run.out().contains("lexical analysis: ko (Korean (Nori))"), run.toString());
    assertTrue(run.err().contains("warning: the index's language is ko (Korean (Nori)), which bge-small-en-v1.5 does not know (it knows en)"), run.toString());
    assertTrue(run.err().contains("a multilingual model such as BGE-M3: --model DIR"), run.toString());
    assertEquals("seoul", search(index, "서울에서", 1).get(0).id(), "the query is analysed as the index is");

    CliRun refused = CliRun.of("index", "--input", input.toString(), "--index", index.toString(), "--language", "ja");
    assertEquals(1, refused.exit(), refused.toString());
    assertTrue(refused.err().contains("analyses its lexical leg as ko (Korean (Nori)); it cannot be opened with ja"), refused.toString());
    CliRun unknown = CliRun.of("index", "--input", input.toString(), "--index", index.toString(), "--language", "xx");
    assertEquals(2, unknown.exit(), unknown.toString());
    assertTrue(unknown.err().contains("--language: unknown language 'xx'"), unknown.toString());
  }
}
