package dev.m3search.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.codecs.DenseVectorMode;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.engine.model.EncoderOptions;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.ModelIdentity;
import dev.m3search.engine.model.ModelSpec;
import dev.m3search.engine.model.TextEncoding;
import dev.m3search.engine.onnx.TinyM3Model;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index is its schema, not its model: it opens from what its commits record, with no model
 * file anywhere; and what a commit records is exactly the state it commits.
 */
class IndexSchemaTest {
  @TempDir Path dir;
  @TempDir Path scratch;

  private static final List<String> TEXTS =
      List.of("sun sea", "moon tide sea", "rain snow rock", "leaf tree rain", "cold soup", "night sky moon");

  private static List<SourceDocument> documents(String prefix) {
    List<SourceDocument> docs = new ArrayList<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      docs.add(new SourceDocument(prefix + i, "", TEXTS.get(i)));
    }
    return docs;
  }

  private M3Encoder openModel(Path folder) throws IOException {
    return M3Encoder.open(ModelSpec.fromFolder(TinyM3Model.writeTo(folder)), new EncoderOptions(64, 1));
  }

  /** Acceptance c: read-only, no model file anywhere, encoded queries answered as with the model. */
  @Test
  void opensAndSearchesWithNoModelFileAnywhere() throws Exception {
    Path modelFolder = scratch.resolve("model");
    EncodedQuery query;
    Map<SearchMode, List<SearchHit>> withModel = new HashMap<>();
    List<TextEncoding> encodings;
    try (M3Encoder encoder = openModel(modelFolder); M3Index index = M3Index.open(dir, encoder)) {
      index.add(documents("d"));
      index.commit(Map.of());
      query = index.encodeQuery("moon sea");
      for (SearchMode mode : SearchMode.values()) {
        withModel.put(mode, index.search(query, SearchOptions.defaults(index.defaultFusion()).withMode(mode)));
      }
      assertFalse(withModel.get(SearchMode.HYBRID).isEmpty());
      encodings = encoder.encodeDocuments(List.of("snow moon"));
    }
    deleteTree(modelFolder);
    assertFalse(Files.exists(modelFolder));

    try (M3Index index = M3Index.openReadOnly(dir)) {
      assertFalse(index.canEncode());
      assertEquals("tiny-m3", index.model().name());
      for (SearchMode mode : SearchMode.values()) {
        List<SearchHit> without = index.search(query, SearchOptions.defaults(index.defaultFusion()).withMode(mode));
        assertEquals(ids(withModel.get(mode)), ids(without), mode.name());
        for (int i = 0; i < without.size(); i++) {
          assertEquals(withModel.get(mode).get(i).score(), without.get(i).score(), mode.name());
        }
      }
      assertEquals(TEXTS.size(), index.info().documents());
      IllegalStateException text =
          assertThrows(IllegalStateException.class, () -> index.search("moon", SearchOptions.defaults(index.defaultFusion())));
      assertTrue(text.getMessage().contains("opened without a model"), text.getMessage());
    }

    // writable without the model: encoded documents go in, text does not
    try (M3Index index = M3Index.open(dir, IndexConfig.defaults())) {
      index.addEncoded(List.of(new SourceDocument("late", "", "snow moon")), encodings);
      index.commit(Map.of());
      assertTrue(index.get("late").isPresent());
      assertThrows(IllegalStateException.class, () -> index.add(documents("x")));
    }
    IOException missing = assertThrows(IOException.class, () -> M3Index.open(scratch.resolve("none"), IndexConfig.defaults()));
    assertTrue(missing.getMessage().contains("no m3search index"), missing.getMessage());
  }

  /** A service that encodes elsewhere creates an index from the model's identity alone. */
  @Test
  void createdFromAModelIdentityAndCheckedAgainstIt() throws Exception {
    ModelIdentity identity;
    List<TextEncoding> encodings;
    try (M3Encoder encoder = openModel(scratch.resolve("model"))) {
      identity = encoder.identity();
      encodings = encoder.encodeDocuments(TEXTS);
    }
    try (M3Index index = M3Index.open(dir, identity, IndexConfig.defaults())) {
      index.addEncoded(documents("d"), encodings);
      index.commit(Map.of());
    }
    ModelIdentity other =
        new ModelIdentity(identity.name(), "0".repeat(64), identity.settings(), identity.denseDimension(), identity.tokenDimension());
    assertThrows(ModelMismatchException.class, () -> M3Index.open(dir, other, IndexConfig.defaults()));
    try (M3Index index = M3Index.openReadOnly(dir)) {
      assertEquals(TEXTS.size(), index.info().documents());
    }
  }

  /** Problem 6: one bad encoding in a list adds none of the list, even after close() commits. */
  @Test
  void addEncodedIsAllOrNothing() throws Exception {
    try (M3Encoder encoder = openModel(scratch.resolve("model")); M3Index index = M3Index.open(dir, encoder)) {
      List<TextEncoding> encodings = new ArrayList<>(encoder.encodeDocuments(TEXTS));
      TextEncoding good = encodings.get(3);
      encodings.set(3, new TextEncoding(new float[] {1, 0, 0}, good.sparseWeights(), good.tokenVectors(), false));
      List<TextEncoding> bad = encodings;
      assertThrows(IllegalArgumentException.class, () -> index.addEncoded(documents("d"), bad));
    }
    try (M3Index index = M3Index.openReadOnly(dir)) {
      assertEquals(0, index.info().documents(), "documents before the bad one were written");
    }
  }

  /** Problem 5: close() records this opening's model and modes, and no user data of an earlier commit. */
  @Test
  void closeRecordsTheCurrentStateOnly() throws Exception {
    try (M3Encoder encoder = openModel(scratch.resolve("model"))) {
      try (M3Index index = M3Index.open(dir, encoder)) {
        index.add(documents("a"));
        index.commit(Map.of("batch", "first"));
        index.add(documents("b"));
      }
      Map<String, String> closed = lastCommit(dir);
      assertFalse(closed.containsKey("batch"), "close() recorded an earlier commit's user data: " + closed);
      assertNotNull(ModelIdentity.fromCommitData(closed));

      StorageModes other = new StorageModes(DenseVectorMode.INT8, TokenVectorMode.INT8);
      try (M3Index index = M3Index.open(dir, encoder, IndexConfig.defaults().withStorage(other))) {
        index.add(documents("c"));
      }
      assertEquals(other, StorageModes.fromCommitData(lastCommit(dir)), "close() recorded the modes of an earlier opening");
    }
  }

  /**
   * Problem 5: concurrent commits never record each other's data. Every commit point the
   * directory publishes is read back; each commit call must have published its own data once.
   */
  @Test
  void concurrentCommitsRecordTheirOwnData() throws Exception {
    int threads = 2;
    int commits = 60;
    Map<String, Integer> published = Collections.synchronizedMap(new HashMap<>());
    try (M3Encoder encoder = openModel(scratch.resolve("model"));
        Directory recording = new CommitRecordingDirectory(FSDirectory.open(dir), published);
        M3Index index = M3Index.open(recording, encoder, IndexConfig.defaults(), false)) {
      List<TextEncoding> encodings = encoder.encodeDocuments(List.of(TEXTS.get(0)));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          String who = "t" + t;
          done.add(pool.submit(() -> {
            for (int i = 0; i < commits; i++) {
              String mark = who + "-" + i;
              index.addEncoded(List.of(new SourceDocument(mark, "", TEXTS.get(0))), encodings);
              index.commit(Map.of("mark", mark));
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
    }
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < commits; i++) {
        assertEquals(1, published.getOrDefault("t" + t + "-" + i, 0), "commit t" + t + "-" + i + " in " + published);
      }
    }
  }

  /** Counts the {@code mark} of every commit point as it is published (renamed to segments_N). */
  private static final class CommitRecordingDirectory extends FilterDirectory {
    private final Map<String, Integer> published;

    CommitRecordingDirectory(Directory in, Map<String, Integer> published) {
      super(in);
      this.published = published;
    }

    @Override
    public void rename(String source, String dest) throws IOException {
      super.rename(source, dest);
      if (dest.startsWith("segments_")) {
        String mark = SegmentInfos.readCommit(this, dest).getUserData().get("mark");
        if (mark != null) {
          published.merge(mark, 1, Integer::sum);
        }
      }
    }
  }

  private static Map<String, String> lastCommit(Path path) throws IOException {
    try (Directory directory = FSDirectory.open(path)) {
      return SegmentInfos.readLatestCommit(directory).getUserData();
    }
  }

  private static List<String> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
