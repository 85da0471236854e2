package dev.m3search.eval.beir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirDatasetTest {
  @TempDir Path dir;

  @Test
  void readsQueriesAndGzippedQrels() throws Exception {
    Files.writeString(dir.resolve("corpus.jsonl"), "{\"_id\": \"d1\", \"text\": \"x\"}\n");
    Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"first\"}\n\n{\"_id\": \"q2\", \"text\": \"second\"}\n");
    Files.createDirectories(dir.resolve("qrels"));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("qrels/test.tsv.gz")))) {
      out.write("query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\td2\t0\nq2\td1\t1\n".getBytes(StandardCharsets.UTF_8));
    }
    BeirDataset dataset = new BeirDataset(dir);
    assertEquals(dir.resolve("corpus.jsonl"), dataset.corpusFile());
    assertEquals(Map.of("q1", "first", "q2", "second"), dataset.queries());
    Qrels qrels = dataset.qrels("test");
    assertEquals(Map.of("d1", 2, "d2", 0), qrels.of("q1"));
    assertEquals(Map.of("d1", 1), qrels.of("q2"));
  }

  @Test
  void problemsNameTheFileAndLine() throws Exception {
    Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"ok\"}\n{\"_id\": \"q2\"}\n");
    Files.createDirectories(dir.resolve("qrels"));
    Files.writeString(dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\n");
    BeirDataset dataset = new BeirDataset(dir);
    IOException queries = assertThrows(IOException.class, dataset::queries);
    assertTrue(queries.getMessage().contains("queries.jsonl:2: a query needs"), queries.getMessage());
    IOException qrels = assertThrows(IOException.class, () -> dataset.qrels("test"));
    assertTrue(qrels.getMessage().contains("test.tsv:2: expected"), qrels.getMessage());
    assertThrows(IOException.class, () -> dataset.qrels("dev"));
  }

  @Test
  void withoutDevQrelsTheTestQueriesSplitInTwoWithAFixedSeed() throws Exception {
    Files.createDirectories(dir.resolve("qrels"));
    StringBuilder qrels = new StringBuilder("query-id\tcorpus-id\tscore\n");
    for (int q = 0; q < 21; q++) {
      qrels.append("q").append(q).append("\td1\t1\n");
    }
    Files.writeString(dir.resolve("qrels/test.tsv"), qrels.toString());
    BeirDataset dataset = new BeirDataset(dir);
    java.util.Set<String> dev = dataset.split("dev").qrels().queryIds();
    java.util.Set<String> test = dataset.split("test").qrels().queryIds();
    assertEquals(10, dev.size());
    assertEquals(11, test.size());
    assertTrue(java.util.Collections.disjoint(dev, test), "no query is in both");
    assertEquals(21, dataset.split("all").qrels().queryIds().size());
    assertEquals(dev, new BeirDataset(dir).split("dev").qrels().queryIds(), "the same split every time");
    assertTrue(dataset.split("test").description().contains("no qrels/dev.tsv"), dataset.split("test").description());

    Files.writeString(dir.resolve("qrels/dev.tsv"), "query-id\tcorpus-id\tscore\nd0\td1\t1\n");
    assertEquals(java.util.Set.of("d0"), dataset.split("dev").qrels().queryIds(), "a dataset's own dev split is used as it is");
    assertEquals(21, dataset.split("test").qrels().queryIds().size());
  }
}
