package dev.m3search.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.m3search.engine.index.IndexSnapshot;
import dev.m3search.engine.index.M3Index;
import dev.m3search.eval.compare.GeneratedIndex;
import dev.m3search.query.EncodedQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate} writes an index as {@code index} does, and {@code bench} searches it with its own queries. */
class GenerateCommandTest {
  @TempDir static Path dir;
  static Path index;

  @BeforeAll
  static void generate() {
    index = dir.resolve("generated");
    CliRun run = CliRun.of("generate", "--index", index.toString(), "--docs", "3000", "--ram-buffer-mb", "16");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("generated 3,000 of 3,000 documents"), run.toString());
  }

  @Test
  void theIndexHoldsEveryDocumentInSeveralSegmentsInTheDefaultModes() throws Exception {
    CliRun info = CliRun.of("info", "--index", index.toString());
    assertEquals(0, info.exit(), info.toString());
    assertTrue(info.out().contains("documents: 3,000 (0 deleted, "), info.toString());
    assertTrue(!info.out().contains(", 1 segments)"), "flushed more than once: " + info);
    assertTrue(info.out().contains("mode 2bit"), info.toString());
  }

  @Test
  void benchSearchesItWithTheGeneratedQueriesAndReportsItsBytesAndHeap() throws Exception {
    Path out = dir.resolve("bench");
    CliRun run = CliRun.of("bench", "--index", index.toString(), "--warmup", "2", "--repeat", "1", "--search-threads", "1",
        "--out", out.toString());
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("queries generated with the documents, not encoded"), run.toString());
    JsonNode bench = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
    assertEquals(100, bench.get("queries").asInt());
    assertEquals(3000, bench.get("documents").asInt());
    long bytes;
    try (Stream<Path> files = Files.list(index)) {
      bytes = files.mapToLong(f -> f.toFile().length()).sum();
    }
    assertEquals(bytes, bench.get("bytesOnDisk").asLong());
    assertTrue(bench.get("heapBytes").asLong() > 0);
    // the lexical leg searches the generated words: its top 10 is (nearly) the exact one
    assertTrue(bench.get("recallAgainstExact").get("sparse").asDouble() > 0.95, bench.toString());
    assertTrue(bench.get("recallAgainstExact").get("dense").asDouble() > 0.95, bench.toString());
  }

  @Test
  void theQueriesAreTheSameEachTimeAndTheirWordsMatchDocuments() throws Exception {
    try (M3Index opened = M3Index.openReadOnly(index);
        IndexSnapshot snapshot = opened.snapshot()) {
      List<EncodedQuery> first = GeneratedIndex.queries(opened);
      List<EncodedQuery> again = GeneratedIndex.queries(opened);
      assertEquals(100, first.size());
      for (int q = 0; q < first.size(); q++) {
        assertTrue(Arrays.equals(first.get(q).dense(), again.get(q).dense()), "query " + q);
        assertEquals(first.get(q).sparse(), again.get(q).sparse(), "query " + q);
        assertNotEquals(0, snapshot.searcher().count(first.get(q).sparse()), "query " + q + " shares words with some document");
      }
    }
  }

  @Test
  void aFolderThatHoldsFilesIsRefusedAndAnIndexNotGeneratedNeedsQueries() throws Exception {
    CliRun again = CliRun.of("generate", "--index", index.toString(), "--docs", "10");
    assertEquals(2, again.exit(), again.toString());
    assertTrue(again.err().contains(index + " is not empty"), again.toString());
    Path plain = dir.resolve("plain");
    Path corpus = dir.resolve("corpus.jsonl");
    Files.writeString(corpus, "{\"_id\": \"d1\", \"text\": \"the sea rises twice a day\"}\n");
    assertEquals(0, CliRun.of("index", "--input", corpus.toString(), "--index", plain.toString()).exit());
    CliRun bench = CliRun.of("bench", "--index", plain.toString());
    assertNotEquals(0, bench.exit(), bench.toString());
    assertTrue(bench.err().contains("--queries is needed: " + plain + " was not written by generate"), bench.toString());
  }
}
