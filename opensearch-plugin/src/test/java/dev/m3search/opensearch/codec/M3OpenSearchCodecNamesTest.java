package dev.m3search.opensearch.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.m3search.codecs.M3Fields;
import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.codecs.lateinteraction.TokenVectorsField;
import java.nio.file.Path;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenSearch codec's name says the format version; segments under its old name still read and merge into it. */
@SuppressWarnings("deprecation")
class M3OpenSearchCodecNamesTest {
  @TempDir Path dir;

  @Test
  void bothNamesAreRegistered() {
    assertEquals(M3OpenSearchCodec.class, Codec.forName(M3OpenSearchCodec.NAME).getClass());
    assertEquals(M3OpenSearch104LegacyCodec.class, Codec.forName(M3OpenSearch104LegacyCodec.NAME).getClass());
  }

  @Test
  void segmentsUnderTheOldNameMergeIntoTheNewName() throws Exception {
    try (Directory directory = FSDirectory.open(dir)) {
      // segments as M3OpenSearchCodec wrote them before its rename: the same files, the old name
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(new M3OpenSearch104LegacyCodec()))) {
        Document doc = new Document();
        doc.add(new TokenVectorsField("emb." + M3Fields.COLBERT, new float[][] {{0.6f, 0.8f}}));
        writer.addDocument(doc);
      }
      assertEquals("M3OpenSearch104", SegmentInfos.readLatestCommit(directory).info(0).info.getCodec().getName());
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(1, reader.numDocs());
      }
      IndexWriterConfig config = new IndexWriterConfig().setCodec(new M3OpenSearchCodec(new M3Lucene104Codec()));
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        writer.addDocument(new Document());
        writer.forceMerge(1);
      }
      assertEquals(M3OpenSearchCodec.NAME, SegmentInfos.readLatestCommit(directory).info(0).info.getCodec().getName());
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(2, reader.numDocs());
      }
    }
  }
}
