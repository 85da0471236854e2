package dev.m3search.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.codecs.M3Fields;
import dev.m3search.engine.index.IndexSnapshot;
import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.model.M3Encoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline: chunks written while the next is encoded, commits on their bounds, nothing lost or moved. */
class CorpusIndexerTest {
  @TempDir Path dir;

  @Test
  void chunksAndCommitsKeepEveryDocumentInInputOrder() throws Exception {
    StringBuilder corpus = new StringBuilder();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "d" + i;
      ids.add(id);
      // lengths that differ, so that the encoder's length sort reorders each chunk
      corpus.append("{\"_id\": \"").append(id).append("\", \"text\": \"")
          .append("tides and moons ".repeat(1 + (i * 7) % 5)).append(i).append("\"}\n");
    }
    Path input = dir.resolve("corpus.jsonl");
    Files.writeString(input, corpus, StandardCharsets.UTF_8);
    List<Long> progressLines = new ArrayList<>();
    List<Long> commits = new ArrayList<>();
    IndexingListener listener = new IndexingListener() {
      @Override
      public void warn(String message) {}

      @Override
      public void progress(long documents, long line) {
        progressLines.add(line);
      }

      @Override
      public void committed(long documents, long line) {
        commits.add(documents);
      }
    };
    Path indexDir = dir.resolve("index");
    try (M3Encoder encoder = M3Encoder.openDefault();
        M3Index index = M3Index.open(indexDir, encoder);
        CorpusReader reader = new CorpusReader(input)) {
      // chunks of 16 and a commit every 32: 16, 16, commit, 8, commit
      IndexingSummary summary = new CorpusIndexer(index, ErrorPolicy.FAIL, 16, Long.MAX_VALUE, 32, listener).run(reader);
      assertEquals(40, summary.documents());
      assertTrue(summary.waitNanos() > 0 && summary.waitNanos() < summary.totalNanos(), summary.toString());
    }
    assertEquals(List.of(16L, 32L, 40L), progressLines, "each chunk reports through its last line");
    assertEquals(List.of(32L, 40L), commits);
    List<String> stored = new ArrayList<>();
    try (M3Index index = M3Index.openReadOnly(indexDir); IndexSnapshot snapshot = index.snapshot()) {
      for (LeafReaderContext leaf : snapshot.searcher().getIndexReader().leaves()) {
        StoredFields fields = leaf.reader().storedFields();
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          stored.add(fields.document(doc).get(M3Fields.ID));
        }
      }
    }
    assertEquals(ids, stored, "every document, in input order");
  }
}
