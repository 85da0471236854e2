package dev.m3search.codecs.stored;

import dev.m3search.codecs.M3Lucene104Codec;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.tests.index.BaseStoredFieldsFormatTestCase;
import org.apache.lucene.tests.util.TestUtil;

/**
 * Lucene's stored-fields format tests on {@link M3Lucene104Codec}, whose embedded indexes store
 * documents in {@link SmallChunkStoredFieldsFormat}; and segments of Lucene's default stored
 * fields, as m3search wrote them before, read and merged by today's codec.
 */
public class TestSmallChunkStoredFieldsFormat extends BaseStoredFieldsFormatTestCase {
  @Override
  protected Codec getCodec() {
    return new M3Lucene104Codec();
  }

  /** {@link M3Lucene104Codec} as it was before: the same name, Lucene's default stored fields. */
  private static final class EarlierCodec extends FilterCodec {
    private final StoredFieldsFormat lucenes = new Lucene104Codec().storedFieldsFormat();

    EarlierCodec() {
      super(M3Lucene104Codec.NAME, new M3Lucene104Codec());
    }

    @Override
    public StoredFieldsFormat storedFieldsFormat() {
      return lucenes;
    }
  }

  public void testSegmentsOfLucenesDefaultFormatStayReadable() throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      texts.add(TestUtil.randomRealisticUnicodeString(random(), 1, 600));
    }
    try (Directory directory = newDirectory()) {
      IndexWriterConfig earlier = new IndexWriterConfig().setCodec(new EarlierCodec())
          .setMergePolicy(NoMergePolicy.INSTANCE).setMaxBufferedDocs(1000);
      try (IndexWriter writer = new IndexWriter(directory, earlier)) {
        for (int i = 0; i < 2000; i++) {
          writer.addDocument(document(i, texts.get(i)));
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(2, reader.leaves().size());
        for (LeafReaderContext leaf : reader.leaves()) {
          assertNull(format(leaf));
        }
        checkDocuments(reader, texts.subList(0, 2000));
      }
      // merges adjacent segments only, so doc ids keep their order
      LogDocMergePolicy adjacent = new LogDocMergePolicy();
      adjacent.setMergeFactor(10);
      IndexWriterConfig today = new IndexWriterConfig().setCodec(new M3Lucene104Codec())
          .setMergePolicy(adjacent).setMaxBufferedDocs(1000);
      try (IndexWriter writer = new IndexWriter(directory, today)) {
        for (int i = 2000; i < texts.size(); i++) {
          writer.addDocument(document(i, texts.get(i)));
        }
        writer.commit();
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
          assertEquals(3, reader.leaves().size());
          assertEquals(SmallChunkStoredFieldsFormat.FORMAT_NAME, format(reader.leaves().get(2)));
          checkDocuments(reader, texts);
        }
        writer.forceMerge(1);
      }
      TestUtil.checkIndex(directory);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(1, reader.leaves().size());
        assertEquals(SmallChunkStoredFieldsFormat.FORMAT_NAME, format(reader.leaves().get(0)));
        checkDocuments(reader, texts);
      }
    }
  }

  private static Document document(int i, String text) {
    Document doc = new Document();
    doc.add(new StringField("id", Integer.toString(i), Field.Store.YES));
    doc.add(new StoredField("text", text));
    return doc;
  }

  private static String format(LeafReaderContext leaf) {
    return ((SegmentReader) leaf.reader()).getSegmentInfo().info.getAttribute(SmallChunkStoredFieldsFormat.FORMAT_KEY);
  }

  /** Every document, in doc id order (the merges here keep it), reads back its id and text. */
  private static void checkDocuments(DirectoryReader reader, List<String> texts) throws Exception {
    assertEquals(texts.size(), reader.maxDoc());
    StoredFields stored = reader.storedFields();
    for (int i = 0; i < texts.size(); i++) {
      Document doc = stored.document(i);
      assertEquals(Integer.toString(i), doc.get("id"));
      assertEquals(texts.get(i), doc.get("text"));
    }
  }
}
