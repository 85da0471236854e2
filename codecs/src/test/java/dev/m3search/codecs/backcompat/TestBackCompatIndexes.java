package dev.m3search.codecs.backcompat;

import dev.m3search.codecs.M3Fields;
import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.codecs.lateinteraction.SegmentMaxSim;
import dev.m3search.codecs.lateinteraction.TokenVectorValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.document.LateInteractionField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.tests.util.TestUtil;
import org.apache.lucene.util.Bits;

/**
 * Indexes written by earlier m3search code, kept under test resources, read by today's: CheckIndex
 * passes, every live document reads back the vectors it was written with and the scores the
 * generator recorded, and a force-merge with today's codec keeps all of it.
 *
 * <ul>
 *   <li>{@code m3codec-v0.zip}: m3search 0.1's codec {@code M3Codec} (stock Lucene formats per leg),
 *       written by {@code GenerateV0Index.java.txt} compiled against commit 3b4bfb8.
 *   <li>{@code m3lucene104-v0.zip}: {@code M3Lucene104} with the token mode as a field attribute,
 *       block-max sparse postings, segments in 2bit, int4 and float32; written by {@link
 *       GenerateBackCompatIndex} at the commit that added it.
 * </ul>
 */
public class TestBackCompatIndexes extends LuceneTestCase {

  public void testM3CodecV0() throws Exception {
    // token vectors in Lucene90 binary doc values, then kept byte for byte by a merge
    check("m3codec-v0", 0f, new String[] {null, null, null}, null);
  }

  public void testM3Lucene104TokenModeAttribute() throws Exception {
    // each segment in its own mode; merged in today's codec's default mode
    check("m3lucene104-v0", 0.1f, new String[] {"2bit", "int4", "float32"}, "2bit");
  }

  /**
   * @param mergedTolerance how far MaxSim after a merge with today's codec may be from the exact
   *     MaxSim of the floats written (the merge re-quantises what the sources store)
   */
  private void check(String name, float mergedTolerance, String[] segmentModes, String mergedMode) throws Exception {
    Map<String, float[]> expected = expected(name + ".expected");
    Path path = unzip(name + ".zip");
    try (Directory directory = FSDirectory.open(path)) {
      TestUtil.checkIndex(directory);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(BackCompatData.DOCUMENTS - BackCompatData.DELETED.length, reader.numDocs());
        assertEquals(3, reader.leaves().size());
        for (int i = 0; i < 3; i++) {
          assertEquals(segmentModes[i], mode(reader.leaves().get(i).reader()));
        }
        checkDocuments(reader, expected, 1e-6f);
      }
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(new M3Lucene104Codec()))) {
        writer.forceMerge(1);
      }
      TestUtil.checkIndex(directory);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(1, reader.leaves().size());
        assertEquals(mergedMode, mode(reader.leaves().get(0).reader()));
        checkDocuments(reader, null, mergedTolerance);
      }
    }
  }

  /**
   * Dense vectors and float32 token vectors read back exactly, MaxSim and sparse scores are those
   * recorded ({@code expected} null: MaxSim within {@code tolerance} of the floats' exact MaxSim).
   */
  private static void checkDocuments(DirectoryReader reader, Map<String, float[]> expected, float tolerance)
      throws IOException {
    float[][] query = BackCompatData.queryTokens();
    float[] sparse = new float[reader.maxDoc()];
    for (ScoreDoc hit : new IndexSearcher(reader).search(GenerateBackCompatIndex.sparseQuery(), BackCompatData.DOCUMENTS).scoreDocs) {
      sparse[hit.doc] = hit.score;
    }
    int checked = 0;
    for (LeafReaderContext leaf : reader.leaves()) {
      LeafReader segment = leaf.reader();
      Bits live = segment.getLiveDocs();
      SegmentMaxSim maxSim = SegmentMaxSim.create(segment, M3Fields.COLBERT, query);
      FloatVectorValues dense = segment.getFloatVectorValues(M3Fields.DENSE);
      KnnVectorValues.DocIndexIterator denseDocs = dense.iterator();
      BinaryDocValues tokens = segment.getBinaryDocValues(M3Fields.COLBERT);
      for (int doc = 0; doc < segment.maxDoc(); doc++) {
        assertEquals(doc, denseDocs.nextDoc());
        if (live != null && live.get(doc) == false) {
          continue;
        }
        String id = segment.storedFields().document(doc).get(M3Fields.ID);
        int written = Integer.parseInt(id.substring(1));
        assertFalse(id, BackCompatData.deleted(written));
        assertArrayEquals(id, BackCompatData.dense(written), dense.vectorValue(denseDocs.index()), 0f);
        assertTrue(id, tokens.advanceExact(doc));
        float[][] original = BackCompatData.tokens(written);
        float[][] stored = LateInteractionField.decode(tokens.binaryValue());
        assertEquals(id, original.length, stored.length);
        if (tokens instanceof TokenVectorValues == false
            || ((TokenVectorValues) tokens).mode().label().equals("float32")) {
          for (int j = 0; j < original.length; j++) {
            assertArrayEquals(id, original[j], stored[j], 0f);
          }
        }
        float score = maxSim.score(doc);
        if (expected != null) {
          assertEquals(id + " MaxSim", expected.get(id)[0], score, tolerance);
          assertEquals(id + " sparse", expected.get(id)[1], sparse[leaf.docBase + doc], 1e-6f);
        } else {
          assertEquals(id + " MaxSim", SegmentMaxSim.exact(query, original), score, tolerance);
          assertEquals(id + " sparse", linearSparse(written), sparse[leaf.docBase + doc], 1e-2f);
        }
        checked++;
      }
    }
    assertEquals(reader.numDocs(), checked);
  }

  /** The token mode a segment holds, null when its token vectors are not in our format. */
  private static String mode(LeafReader segment) throws IOException {
    return segment.getBinaryDocValues(M3Fields.COLBERT) instanceof TokenVectorValues values ? values.mode().label() : null;
  }

  /** The sparse query's score from the weights written, before FeatureField keeps 9 bits of them. */
  private static float linearSparse(int doc) {
    float sum = 0;
    Map<String, Float> weights = BackCompatData.sparse(doc);
    for (String term : BackCompatData.queryTerms()) {
      sum += weights.getOrDefault(term, 0f);
    }
    return sum;
  }

  private static Map<String, float[]> expected(String resource) throws IOException {
    Map<String, float[]> expected = new HashMap<>();
    try (InputStream in = TestBackCompatIndexes.class.getResourceAsStream(resource);
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] parts = line.split("\t");
        expected.put(parts[0], new float[] {Float.parseFloat(parts[1]), Float.parseFloat(parts[2])});
      }
    }
    return expected;
  }

  private Path unzip(String resource) throws IOException {
    return BackCompatData.unzip(resource, createTempDir(resource));
  }
}
