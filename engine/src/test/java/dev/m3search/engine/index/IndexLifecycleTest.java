package dev.m3search.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.model.TextEncoding;
import dev.m3search.engine.onnx.TinyEncoder;
import dev.m3search.engine.onnx.TinyM3Model;
import dev.m3search.query.SearchOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.Lock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index lifecycle on a tiny m3-layout model: when changes become visible, what a search reads,
 * rollback, failures in the constructor, and the checks on encoded documents.
 */
class IndexLifecycleTest {
  @RegisterExtension static final TinyEncoder TINY = new TinyEncoder();

  @TempDir Path dir;

  private static List<SourceDocument> documents(String prefix, int count, long seed) {
    Random random = new Random(seed);
    List<String> words = TinyM3Model.VOCAB.subList(4, TinyM3Model.VOCAB.size());
    List<SourceDocument> docs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 1 + random.nextInt(8); w++) {
        text.append(words.get(random.nextInt(words.size()))).append(' ');
      }
      docs.add(new SourceDocument(prefix + i, "", text.toString().strip()));
    }
    return docs;
  }

  @Test
  void tenAddsThenACommitMakeOneSegment() throws Exception {
    try (M3Index index = M3Index.open(dir, TINY.encoder())) {
      for (int round = 0; round < 10; round++) {
        index.add(documents("r" + round + "-", 256, round));
      }
      index.commit(Map.of());
      IndexInfo info = index.info();
      assertEquals(2560, info.documents());
      assertEquals(1, info.segments(), "flushes come from the RAM buffer, never from an add");
    }
  }

  @Test
  void addsAreVisibleAfterRefreshOrCommitOnly() throws Exception {
    try (M3Index index = M3Index.open(dir, TINY.encoder())) {
      index.add(documents("a", 3, 1));
      assertEquals(0, index.info().documents(), "an add alone is not visible");
      assertTrue(index.get("a0").isEmpty());
      index.refresh();
      assertEquals(3, index.info().documents());
      assertTrue(index.get("a0").isPresent());
      index.delete("a1");
      assertEquals(3, index.info().documents(), "a delete alone is not visible");
      index.commit(Map.of());
      assertEquals(2, index.info().documents(), "a commit makes changes visible");
    }
  }

  @Test
  void backgroundRefreshShowsAddsWithinTheStalenessBound() throws Exception {
    try (M3Index index = M3Index.open(dir, TINY.encoder(), IndexConfig.defaults().withMaxStaleness(Duration.ofMillis(50)))) {
      index.add(documents("b", 5, 2));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (index.info().documents() < 5 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(5, index.info().documents(), "the background thread refreshed without being asked");
    }
  }

  @Test
  void searchesOfAReadOnlyIndexReadNoFileOfTheCommitPoint() throws Exception {
    try (M3Index index = M3Index.open(dir, TINY.encoder())) {
      index.add(documents("c", 50, 3));
      index.commit(Map.of());
    }
    try (CountingDirectory counting = new CountingDirectory(FSDirectory.open(dir));
        M3Index index = M3Index.open(counting, TINY.encoder(), IndexConfig.defaults(), true)) {
      counting.calls.set(0);
      SearchOptions options = SearchOptions.defaults(index.defaultFusion());
      for (int i = 0; i < 20; i++) {
        assertTrue(!index.search("alpha beta mu", options).isEmpty());
      }
      assertTrue(index.get("c7").isPresent());
      assertEquals(0, counting.calls.get(), "searches opened, listed or measured no file: " + counting.seen);
      index.refresh();
      assertTrue(counting.calls.get() > 0, "an explicit refresh looks for a new commit");
    }
  }

  @Test
  void rollbackReturnsToTheLastCommitAndTheIndexStaysUsable() throws Exception {
    try (M3Index index = M3Index.open(dir, TINY.encoder())) {
      index.add(documents("kept", 4, 4));
      index.commit(Map.of());
      index.add(documents("dropped", 3, 5));
      index.refresh();
      assertEquals(7, index.info().documents());
      index.rollback();
      assertEquals(4, index.info().documents(), "back at the last commit");
      assertTrue(index.get("dropped0").isEmpty());
      index.add(documents("after", 2, 6));
      index.commit(Map.of());
      assertEquals(6, index.info().documents());
      assertTrue(!index.search("alpha", SearchOptions.defaults(index.defaultFusion())).isEmpty());
    }
    try (M3Index reopened = M3Index.openReadOnly(dir, TINY.encoder())) {
      assertEquals(6, reopened.info().documents());
    }
  }

  @Test
  void aFailingConstructorReleasesTheWriteLock() throws Exception {
    try (Directory fs = FSDirectory.open(dir)) {
      Directory failingSync =
          new FilterDirectory(fs) {
            @Override
            public void sync(java.util.Collection<String> names) throws IOException {
              throw new IOException("disk full (simulated)");
            }
          };
      IOException e = assertThrows(IOException.class, () -> M3Index.open(failingSync, TINY.encoder(), IndexConfig.defaults(), false));
      assertTrue(e.getMessage().contains("disk full"), e.getMessage());
      try (Lock lock = fs.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
        lock.ensureValid();
      }
      try (IndexWriter writer = new IndexWriter(fs, new IndexWriterConfig())) {
        assertEquals(0, writer.getDocStats().numDocs, "the index can be opened again");
      }
    }
  }

  @Test
  void encodingsOfTheWrongDimensionAreRefusedNamingTheDocument() throws Exception {
    try (M3Index index = M3Index.open(dir, TINY.encoder())) {
      SourceDocument doc = new SourceDocument("odd", "", "alpha");
      TextEncoding good = TINY.encoder().encodeDocuments(List.of("alpha")).get(0);
      TextEncoding wrongDense = new TextEncoding(new float[] {1, 0, 0}, good.sparseWeights(), good.tokenVectors(), false);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> index.addEncoded(List.of(doc), List.of(wrongDense)));
      assertTrue(e.getMessage().contains("\"odd\"") && e.getMessage().contains("3 dimensions"), e.getMessage());
      TextEncoding wrongTokens =
          new TextEncoding(good.dense(), good.sparseWeights(), new float[][] {{1, 0, 0, 0, 0}}, false);
      e = assertThrows(IllegalArgumentException.class, () -> index.addEncoded(List.of(doc), List.of(wrongTokens)));
      assertTrue(e.getMessage().contains("token vector of 5 dimensions"), e.getMessage());
      index.addEncoded(List.of(doc), List.of(good));
      index.refresh();
      assertEquals(1, index.info().documents());
    }
  }

  @Test
  void arraysAreMultiValuedAndNumbersMatchRanges() throws Exception {
    try (M3Index index = M3Index.open(dir, TINY.encoder())) {
      index.add(
          List.of(
              new SourceDocument("p1", "", "alpha beta", Map.of("tags", List.of("red", "blue"), "year", 1999)),
              new SourceDocument("p2", "", "alpha gamma", Map.of("tags", List.of("blue"), "year", 2001, "price", 9.5)),
              new SourceDocument("p3", "", "alpha delta", Map.of("tags", "green", "year", 2010, "meta", Map.of("lang", "en"))),
              new SourceDocument("p4", "", "", Map.of("tags", List.of("red")))));
      index.commit(Map.of());
      assertEquals(List.of("p1", "p2"), ids(index, "tags=blue"));
      assertEquals(List.of("p1", "p4"), ids(index, "tags=red"));
      assertEquals(List.of("p2", "p3"), ids(index, "year>=2001"));
      assertEquals(List.of("p3"), ids(index, "year>2001"));
      assertEquals(List.of("p1"), ids(index, "year<2001"));
      assertEquals(List.of("p1", "p2"), ids(index, "year<=2001"));
      assertEquals(List.of("p2"), ids(index, "year=2001.0"), "numbers match numerically");
      assertEquals(List.of("p2"), ids(index, "price<10"));
      assertEquals(List.of("p3"), ids(index, "meta.lang=en"), "nested keys are dotted");
      assertEquals(List.of("p2"), ids(index, "tags=blue", "year>2000"));
      assertEquals(List.of("red", "blue"), index.get("p1").orElseThrow().metadata().get("tags"));
      assertEquals(2001L, index.get("p2").orElseThrow().metadata().get("year"));
      assertEquals(List.of("red"), index.get("p4").orElseThrow().metadata().get("tags"), "a one-element array stays an array");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Filters.parse("year>=soon"));
      assertTrue(e.getMessage().contains("needs a number"), e.getMessage());
    }
  }

  private static List<String> ids(M3Index index, String... filters) throws IOException {
    SearchOptions options =
        SearchOptions.defaults(index.defaultFusion()).withK(100).withFilter(Filters.parse(List.of(filters)));
    return index.search("alpha", options).stream().map(SearchHit::id).sorted().toList();
  }

  /** Counts every call that opens, lists or measures a file. */
  private static final class CountingDirectory extends FilterDirectory {
    final AtomicInteger calls = new AtomicInteger();
    final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());

    CountingDirectory(Directory in) {
      super(in);
    }

    private void count(String what) {
      calls.incrementAndGet();
      seen.add(what);
    }

    @Override
    public String[] listAll() throws IOException {
      count("listAll");
      return super.listAll();
    }

    @Override
    public IndexInput openInput(String name, IOContext context) throws IOException {
      count("openInput " + name);
      return super.openInput(name, context);
    }

    @Override
    public ChecksumIndexInput openChecksumInput(String name) throws IOException {
      count("openChecksumInput " + name);
      return super.openChecksumInput(name);
    }

    @Override
    public long fileLength(String name) throws IOException {
      count("fileLength " + name);
      return super.fileLength(name);
    }
  }
}
