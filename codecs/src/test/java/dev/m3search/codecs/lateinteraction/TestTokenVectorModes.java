package dev.m3search.codecs.lateinteraction;

import dev.m3search.codecs.DenseVectorMode;
import dev.m3search.codecs.M3FieldFormats;
import dev.m3search.codecs.M3Lucene104Codec;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LateInteractionField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SoftDeletesDirectoryReaderWrapper;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.tests.index.RandomIndexWriter;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.tests.util.TestUtil;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.VectorUtil;

/**
 * Token vectors in every mode through random adds, updates, deletes, flushes and merges: the
 * directory checks the index with CheckIndex when it closes, every live document keeps its token
 * count, float32 reads back exactly, and the error of MaxSim on the codes against MaxSim on the
 * original floats spreads no more than each mode allows (a shared offset does not change ranks).
 */
public class TestTokenVectorModes extends LuceneTestCase {
  private static final String FIELD = "colbert";

  public void testFloat32() throws Exception {
    check(TokenVectorMode.FLOAT32, 1e-5);
  }

  public void testInt8() throws Exception {
    check(TokenVectorMode.INT8, 0.002);
  }

  public void testInt4() throws Exception {
    check(TokenVectorMode.INT4, 0.03);
  }

  public void testTwoBit() throws Exception {
    check(TokenVectorMode.BIT2, 0.07);
  }

  public void testOneBit() throws Exception {
    check(TokenVectorMode.BIT1, 0.15);
  }

  private void check(TokenVectorMode mode, double tolerance) throws Exception {
    Random random = random();
    int dimension = TestUtil.nextInt(random, 32, 140);
    float[][] centres = TokenVectorSamples.centres(random, 8, dimension);
    Map<String, float[][]> live = new HashMap<>();
    try (Directory dir = newDirectory()) {
      IndexWriterConfig config = newIndexWriterConfig().setCodec(codec(mode));
      boolean softDeletes = random.nextBoolean();
      try (RandomIndexWriter writer = new RandomIndexWriter(random, dir, config, softDeletes)) {
        int operations = atLeast(300);
        for (int i = 0; i < operations; i++) {
          String id = "d" + random.nextInt(operations / 2);
          int action = random.nextInt(10);
          if (action == 0) {
            writer.deleteDocuments(new Term("id", id));
            live.remove(id);
            continue;
          }
          Document doc = new Document();
          doc.add(new StringField("id", id, Field.Store.YES));
          if (action > 1) { // some documents have no token vectors
            float[][] tokens = TokenVectorSamples.tokens(random, centres, TestUtil.nextInt(random, 1, 30));
            doc.add(new TokenVectorsField(FIELD, tokens));
            live.put(id, tokens);
          } else {
            live.put(id, null);
          }
          writer.updateDocument(new Term("id", id), doc);
          if (random.nextInt(50) == 0) {
            writer.commit();
          }
        }
        if (random.nextBoolean()) {
          writer.forceMerge(1);
        }
        writer.commit();
      }
      DirectoryReader opened = DirectoryReader.open(dir);
      try (DirectoryReader reader =
          softDeletes ? new SoftDeletesDirectoryReaderWrapper(opened, config.getSoftDeletesField()) : opened) {
        assertEquals(live.size(), reader.numDocs());
        float[][] query = TokenVectorSamples.tokens(random, centres, TestUtil.nextInt(random, 1, 12));
        double errorSum = 0;
        double signedSum = 0;
        double squaredSum = 0;
        int scored = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
          LeafReader segment = leaf.reader();
          BinaryDocValues values = segment.getBinaryDocValues(FIELD);
          assertTrue(values instanceof TokenVectorValues);
          assertEquals(mode, ((TokenVectorValues) values).mode());
          SegmentMaxSim maxSim = SegmentMaxSim.create(segment, FIELD, query);
          Bits liveDocs = segment.getLiveDocs();
          for (int doc = 0; doc < segment.maxDoc(); doc++) {
            if (liveDocs != null && liveDocs.get(doc) == false) {
              continue;
            }
            float[][] original = live.get(segment.storedFields().document(doc).get("id"));
            float score = maxSim.score(doc);
            if (original == null) {
              assertEquals(0f, score, 0f);
              continue;
            }
            assertTrue(values.advanceExact(doc));
            TokenVectorValues tokens = (TokenVectorValues) values;
            assertEquals(original.length, tokens.tokenCount());
            float[][] stored = LateInteractionField.decode(values.binaryValue());
            if (mode == TokenVectorMode.FLOAT32) {
              for (int j = 0; j < original.length; j++) {
                assertArrayEquals(original[j], stored[j], 0f);
              }
            }
            double error = score - SegmentMaxSim.exact(query, original);
            errorSum += Math.abs(error);
            signedSum += error;
            squaredSum += error * error;
            scored++;
          }
        }
        if (scored > 0) {
          // ranking depends on the spread of the error around its mean, not on a shared offset
          double bias = signedSum / scored;
          double spread = Math.sqrt(Math.max(0, squaredSum / scored - bias * bias));
          assertTrue(mode + ": MaxSim error spread " + spread + " > " + tolerance, spread <= tolerance);
        }
      }
    }
  }

  public void testRejectsMixedDimensions() throws Exception {
    try (Directory dir = newDirectory()) {
      // a writer that flushes only at commit: a random one may flush in the background, after which
      // the flush's error has closed the writer and commit reports only that (seed B420A9E9F25A0655)
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig().setCodec(codec(TokenVectorMode.BIT2)))) {
        Document a = new Document();
        a.add(new TokenVectorsField(FIELD, new float[][] {{1, 0, 0}}));
        writer.addDocument(a);
        Document b = new Document();
        b.add(new TokenVectorsField(FIELD, new float[][] {{1, 0}}));
        writer.addDocument(b);
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, writer::commit);
        assertTrue(e.getMessage(), e.getMessage().contains("token dimension 2, other documents of the field have 3"));
      } catch (IllegalArgumentException | IllegalStateException expectedOnClose) {
        // the writer may refuse to close after the failed flush; nothing else to check
      }
    }
  }

  /** The m3search codec writing token vectors in {@code mode}. */
  static M3Lucene104Codec codec(TokenVectorMode mode) {
    return new M3Lucene104Codec(new M3FieldFormats(DenseVectorMode.FLOAT32, mode));
  }

  public void testUnitVectorsOfTheSamples() {
    float[][] tokens = TokenVectorSamples.tokens(random(), TokenVectorSamples.centres(random(), 3, 16), 5);
    for (float[] t : tokens) {
      assertTrue(VectorUtil.isUnitVector(t));
    }
  }
}
