package dev.m3search.codecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.perfield.PerFieldDocValuesFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldPostingsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LateInteractionField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import dev.m3search.codecs.lateinteraction.M3LateInteractionFormat;
import dev.m3search.codecs.sparse.BlockMaxSparsePostingsFormat;
import dev.m3search.codecs.lateinteraction.TokenVectorsField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class M3CodecTest {
  @TempDir Path dir;

  @Test
  void registeredThroughSpi() {
    assertTrue(Codec.availableCodecs().contains(M3Lucene104Codec.NAME));
    assertEquals(M3Lucene104Codec.class, Codec.forName(M3Lucene104Codec.NAME).getClass());
  }

  @Test
  void indexIsReadByTheCodecsSpiNameAlone() throws Exception {
    try (Directory directory = FSDirectory.open(dir)) {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(new M3Lucene104Codec()))) {
        Document doc = new Document();
        doc.add(new TokenVectorsField(M3Fields.COLBERT, new float[][] {{0.6f, 0.8f}}));
        writer.addDocument(doc);
      }
      // a reader configured with nothing: the segment names the codec, SPI finds it
      assertEquals("M3v1Lucene104", SegmentInfos.readLatestCommit(directory).info(0).info.getCodec().getName());
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(1, reader.numDocs());
        FieldInfo colbert = reader.leaves().get(0).reader().getFieldInfos().fieldInfo(M3Fields.COLBERT);
        assertEquals(M3LateInteractionFormat.NAME, colbert.getAttribute(PerFieldDocValuesFormat.PER_FIELD_FORMAT_KEY));
      }
    }
  }

  @Test
  void legsGoToTheirOwnFormatsAndSurviveDeletesAndMerges() throws Exception {
    try (Directory directory = FSDirectory.open(dir)) {
      IndexWriterConfig config = new IndexWriterConfig().setCodec(new M3Lucene104Codec()).setMaxBufferedDocs(10);
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (int i = 0; i < 50; i++) {
          Document doc = new Document();
          doc.add(new StringField(M3Fields.ID, "d" + i, Field.Store.YES));
          float angle = i / 10f;
          doc.add(new KnnFloatVectorField(M3Fields.DENSE, new float[] {(float) Math.cos(angle), (float) Math.sin(angle)}, VectorSimilarityFunction.DOT_PRODUCT));
          doc.add(new FeatureField(M3Fields.SPARSE, "t" + (i % 5), 0.5f + i));
          doc.add(new LateInteractionField(M3Fields.COLBERT, new float[][] {{1, 0}, {0, i}}));
          writer.addDocument(doc);
        }
        writer.deleteDocuments(new Term(M3Fields.ID, "d7"));
        writer.forceMerge(1);
      }
      try (CheckIndex check = new CheckIndex(directory)) {
        assertTrue(check.checkIndex().clean);
      }
      assertEquals(M3Lucene104Codec.NAME, SegmentInfos.readLatestCommit(directory).info(0).info.getCodec().getName());
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(49, reader.numDocs());
        LeafReader leaf = reader.leaves().get(0).reader();
        FieldInfo dense = leaf.getFieldInfos().fieldInfo(M3Fields.DENSE);
        assertEquals("Lucene99HnswVectorsFormat", dense.getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY));
        FieldInfo sparse = leaf.getFieldInfos().fieldInfo(M3Fields.SPARSE);
        FieldInfo id = leaf.getFieldInfos().fieldInfo(M3Fields.ID);
        assertEquals("Lucene104", sparse.getAttribute(PerFieldPostingsFormat.PER_FIELD_FORMAT_KEY), "block maxima are an option");
        assertEquals("1", sparse.getAttribute(PerFieldPostingsFormat.PER_FIELD_SUFFIX_KEY), "the sparse leg has files of its own");
        assertEquals("Lucene104", id.getAttribute(PerFieldPostingsFormat.PER_FIELD_FORMAT_KEY), "other fields stay with Lucene's postings");
        FieldInfo colbert = leaf.getFieldInfos().fieldInfo(M3Fields.COLBERT);
        assertEquals(M3LateInteractionFormat.NAME, colbert.getAttribute(PerFieldDocValuesFormat.PER_FIELD_FORMAT_KEY));

        IndexSearcher searcher = new IndexSearcher(reader);
        TopDocs top = searcher.search(new KnnFloatVectorQuery(M3Fields.DENSE, new float[] {1, 0}, 3), 3);
        assertEquals("d0", searcher.storedFields().document(top.scoreDocs[0].doc).get(M3Fields.ID));
        BinaryDocValues tokens = leaf.getBinaryDocValues(M3Fields.COLBERT);
        assertTrue(tokens.advanceExact(top.scoreDocs[0].doc));
        assertArrayEquals(new float[] {0, 0}, LateInteractionField.decode(tokens.binaryValue())[1]);
      }
    }
  }

  @Test
  void blockMaxSparsePostingsAreAnOption() throws Exception {
    M3Lucene104Codec codec = new M3Lucene104Codec(M3FieldFormats.defaults().withBlockMaxSparse(true));
    try (Directory directory = FSDirectory.open(dir)) {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(codec))) {
        Document doc = new Document();
        doc.add(new FeatureField(M3Fields.SPARSE, "t", 0.5f));
        writer.addDocument(doc);
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        FieldInfo sparse = reader.leaves().get(0).reader().getFieldInfos().fieldInfo(M3Fields.SPARSE);
        assertEquals(BlockMaxSparsePostingsFormat.NAME, sparse.getAttribute(PerFieldPostingsFormat.PER_FIELD_FORMAT_KEY));
      }
    }
  }

  /** A host names the legs' fields itself (OpenSearch: {@code emb.dense} and so on); the rest stays with the base codec. */
  @Test
  void routedFieldsOfAHostGoToTheLegsFormats() throws Exception {
    LegFields legs = LegFields.of("emb");
    M3Lucene104Codec codec = new M3Lucene104Codec(
        M3FieldFormats.defaults(), new org.apache.lucene.codecs.lucene104.Lucene104Codec(), LegRouting.of(legs));
    try (Directory directory = FSDirectory.open(dir)) {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(codec))) {
        Document doc = new Document();
        doc.add(new TokenVectorsField(legs.tokenVectors(), new float[][] {{0.6f, 0.8f}}));
        doc.add(new LateInteractionField(M3Fields.COLBERT, new float[][] {{1, 0}}));
        writer.addDocument(doc);
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        LeafReader leaf = reader.leaves().get(0).reader();
        assertEquals(M3LateInteractionFormat.NAME,
            leaf.getFieldInfos().fieldInfo(legs.tokenVectors()).getAttribute(PerFieldDocValuesFormat.PER_FIELD_FORMAT_KEY));
        assertEquals("Lucene90",
            leaf.getFieldInfos().fieldInfo(M3Fields.COLBERT).getAttribute(PerFieldDocValuesFormat.PER_FIELD_FORMAT_KEY),
            "a field the routing does not name is the base codec's");
      }
    }
  }
}
