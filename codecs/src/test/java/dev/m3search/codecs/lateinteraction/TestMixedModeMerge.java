package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.tests.util.TestUtil;

/**
 * Segments written in four token modes, force-merged by a writer configured for 2bit: the merged
 * segment holds 2bit codes, CheckIndex passes, and its MaxSim is a fresh 2bit index's of the same
 * vectors, within what the sources' quantisation lost.
 */
public class TestMixedModeMerge extends LuceneTestCase {
  private static final String FIELD = "colbert";
  private static final TokenVectorMode[] SOURCES = {
    TokenVectorMode.INT8, TokenVectorMode.BIT2, TokenVectorMode.FLOAT32, TokenVectorMode.INT4
  };

  public void testForceMergeWritesTheConfiguredMode() throws Exception {
    Random random = random();
    int dimension = TestUtil.nextInt(random, 32, 96);
    float[][] centres = TokenVectorSamples.centres(random, 8, dimension);
    Map<String, float[][]> documents = new LinkedHashMap<>();
    try (Directory merged = newDirectory();
        Directory fresh = newDirectory()) {
      for (TokenVectorMode mode : SOURCES) {
        Map<String, float[][]> segment = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
          segment.put(mode + "-" + i, TokenVectorSamples.tokens(random, centres, TestUtil.nextInt(random, 1, 20)));
        }
        write(merged, mode, segment);
        documents.putAll(segment);
      }
      // in segment order, so the last source is int4: a merge must not take its mode from its sources
      try (IndexWriter writer = new IndexWriter(merged, config(TokenVectorMode.BIT2).setMergePolicy(new LogDocMergePolicy()))) {
        writer.forceMerge(1);
      }
      TestUtil.checkIndex(merged);
      write(fresh, TokenVectorMode.BIT2, documents);

      float[][] query = TokenVectorSamples.tokens(random, centres, 8);
      Map<String, Float> mergedScores = scores(merged, query);
      Map<String, Float> freshScores = scores(fresh, query);
      assertEquals(documents.size(), mergedScores.size());
      double differenceSum = 0;
      for (Map.Entry<String, Float> e : freshScores.entrySet()) {
        float difference = Math.abs(mergedScores.get(e.getKey()) - e.getValue());
        differenceSum += difference;
        assertTrue(e.getKey() + ": merged " + mergedScores.get(e.getKey()) + ", fresh " + e.getValue(), difference < 0.1f);
      }
      assertTrue("mean difference " + differenceSum / documents.size(), differenceSum / documents.size() < 0.03);
    }
  }

  private static IndexWriterConfig config(TokenVectorMode mode) {
    return new IndexWriterConfig().setCodec(TestTokenVectorModes.codec(mode)).setMergePolicy(NoMergePolicy.INSTANCE);
  }

  private static void write(Directory directory, TokenVectorMode mode, Map<String, float[][]> documents) throws IOException {
    try (IndexWriter writer = new IndexWriter(directory, config(mode))) {
      for (Map.Entry<String, float[][]> e : documents.entrySet()) {
        Document doc = new Document();
        doc.add(new StringField("id", e.getKey(), Field.Store.YES));
        doc.add(new TokenVectorsField(FIELD, e.getValue()));
        writer.addDocument(doc);
      }
    }
  }

  /** MaxSim of every document by id; every segment must hold 2bit codes. */
  private static Map<String, Float> scores(Directory directory, float[][] query) throws IOException {
    Map<String, Float> scores = new HashMap<>();
    try (DirectoryReader reader = DirectoryReader.open(directory)) {
      assertEquals(1, reader.leaves().size());
      for (LeafReaderContext leaf : reader.leaves()) {
        LeafReader segment = leaf.reader();
        TokenVectorValues values = (TokenVectorValues) segment.getBinaryDocValues(FIELD);
        assertEquals(TokenVectorMode.BIT2, values.mode());
        SegmentMaxSim maxSim = SegmentMaxSim.create(segment, FIELD, query);
        for (int doc = 0; doc < segment.maxDoc(); doc++) {
          scores.put(segment.storedFields().document(doc).get("id"), maxSim.score(doc));
        }
      }
    }
    return scores;
  }
}
