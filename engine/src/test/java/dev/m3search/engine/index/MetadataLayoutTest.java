package dev.m3search.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.engine.model.TextEncoding;
import dev.m3search.engine.onnx.TinyEncoder;
import dev.m3search.query.SearchOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes written before the metadata layout was recorded, which held a key's points in its
 * keyword field: filters still find their numbers, and documents added keep their layout.
 */
class MetadataLayoutTest {
  @RegisterExtension static final TinyEncoder TINY = new TinyEncoder();

  @TempDir Path dir;

  /** Writes {@code documents} as m3search did before it recorded a metadata layout. */
  private void writeUnrecordedIndex(MetadataLayout layout, List<SourceDocument> documents) throws IOException {
    DocumentBuilder builder = new DocumentBuilder(TINY.encoder().identity(), layout);
    List<TextEncoding> encodings = TINY.encoder().encodeDocuments(documents.stream().map(SourceDocument::encodedText).toList());
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(new M3Lucene104Codec()))) {
      for (int i = 0; i < documents.size(); i++) {
        writer.addDocument(builder.build(documents.get(i), encodings.get(i)));
      }
      Map<String, String> commitData = new LinkedHashMap<>(TINY.encoder().identity().toCommitData());
      commitData.putAll(StorageModes.defaults().toCommitData());
      writer.setLiveCommitData(commitData.entrySet());
      writer.commit();
    }
  }

  private static SourceDocument doc(String id, String key, Object value) {
    return new SourceDocument(id, "", "alpha beta", Map.of(key, value));
  }

  @Test
  void anIndexWithPointsInItsKeywordFieldsIsFilteredAndKeepsItsLayout() throws Exception {
    writeUnrecordedIndex(
        MetadataLayout.SHARED_FIELD, List.of(doc("old-2001", "year", 2001), doc("old-1990", "year", 1990), doc("old-x", "topic", "x")));
    try (M3Index index = M3Index.open(dir, TINY.encoder())) {
      index.add(List.of(doc("new-2010", "year", 2010)));
      index.commit(Map.of());
      assertEquals("shared-field", index.lastCommitData().get(MetadataLayout.COMMIT_KEY));
      assertEquals(List.of("new-2010", "old-2001"), ids(index, "year>=2000"));
      assertEquals(List.of("old-1990"), ids(index, "year=1990.0"));
      assertEquals(List.of("old-2001"), ids(index, "year=2001"));
      assertEquals(List.of("old-x"), ids(index, "topic=x"));
    }
    try (M3Index index = M3Index.openReadOnly(dir, TINY.encoder())) {
      assertEquals(List.of("old-1990", "old-2001"), ids(index, "year<2010"), "read as recorded");
    }
  }

  @Test
  void anIndexWithoutNumbersTakesTheLayoutOfNewIndexes() throws Exception {
    writeUnrecordedIndex(MetadataLayout.SHARED_FIELD, List.of(doc("old-nd", "year", "n.d.")));
    try (M3Index index = M3Index.open(dir, TINY.encoder())) {
      index.add(List.of(doc("new-2010", "year", 2010), doc("new-soon", "year", "soon")));
      index.commit(Map.of());
      assertEquals("field-per-kind", index.lastCommitData().get(MetadataLayout.COMMIT_KEY));
      assertEquals(List.of("new-2010"), ids(index, "year>=2000"));
      assertEquals(List.of("old-nd"), ids(index, "year=n.d."));
      assertEquals(List.of("new-soon"), ids(index, "year=soon"));
    }
  }

  @Test
  void recodeMovesTheNumbersToTheirOwnFieldsSoAnyMixIndexes() throws Exception {
    writeUnrecordedIndex(
        MetadataLayout.SHARED_FIELD,
        List.of(doc("old-2001", "year", 2001), doc("old-list", "year", List.of(1990, "n.d.")), doc("old-x", "topic", "x")));
    Path recoded = dir.resolveSibling(dir.getFileName() + "-recoded");
    IndexRecoder.recode(dir, recoded, StorageModes.defaults());
    try (M3Index index = M3Index.open(recoded, TINY.encoder())) {
      assertEquals("field-per-kind", index.lastCommitData().get(MetadataLayout.COMMIT_KEY));
      index.add(List.of(doc("new-nd", "year", "n.d."), doc("new-2010", "year", 2010), doc("new-topic", "topic", 7)));
      index.commit(Map.of());
      assertEquals(List.of("new-2010", "old-2001"), ids(index, "year>=2000"));
      assertEquals(List.of("old-list"), ids(index, "year<2000"));
      assertEquals(List.of("old-list"), ids(index, "year=1990"));
      assertEquals(List.of("new-nd", "old-list"), ids(index, "year=n.d."));
      assertEquals(List.of("old-x"), ids(index, "topic=x"));
      assertEquals(List.of("new-topic"), ids(index, "topic>5"));
    }
  }

  private static List<String> ids(M3Index index, String... filters) throws IOException {
    SearchOptions options =
        SearchOptions.defaults(index.defaultFusion()).withK(100).withFilter(Filters.parse(List.of(filters)));
    return index.search("alpha", options).stream().map(SearchHit::id).sorted().toList();
  }
}
