package dev.m3search.codecs.lateinteraction;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.tests.index.RandomIndexWriter;
import org.apache.lucene.tests.index.BaseDocValuesFormatTestCase;
import org.apache.lucene.tests.util.TestUtil;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's doc values format test suite, on the late-interaction format configured with a random
 * token mode, as Lucene tests its quantised formats with a random encoding: binary fields that
 * are not token vectors (kept byte for byte, with our addressing and docs-with-field), and the
 * numeric and sorted fields it hands to Lucene90, whatever the mode. Token vectors in every mode
 * are {@link TestTokenVectorModes}' and {@link TestMixedModeMerge}'s.
 */
public class TestM3LateInteractionFormat extends BaseDocValuesFormatTestCase {
  private TokenVectorMode mode;
  private Codec codec;

  @Override
  public void setUp() throws Exception {
    // before super.setUp(), which installs getCodec()
    TokenVectorMode[] modes = TokenVectorMode.values();
    mode = modes[random().nextInt(modes.length)];
    codec = TestUtil.alwaysDocValuesFormat(new M3LateInteractionFormat(mode));
    super.setUp();
  }

  @Override
  protected Codec getCodec() {
    return codec;
  }

  /** Token vectors beside the suite's fields are written in the configured mode, bytes as given. */
  public void testTokenVectorsInTheConfiguredMode() throws Exception {
    float[][] centres = TokenVectorSamples.centres(random(), 4, 24);
    try (Directory dir = newDirectory();
        // a log merge policy keeps the documents in the order they were added, which the loop below reads
        RandomIndexWriter writer =
            new RandomIndexWriter(random(), dir, newIndexWriterConfig().setCodec(codec).setMergePolicy(newLogMergePolicy()))) {
      int docs = atLeast(50);
      for (int i = 0; i < docs; i++) {
        Document doc = new Document();
        doc.add(new TokenVectorsField("tokens", TokenVectorSamples.tokens(random(), centres, 1 + random().nextInt(6))));
        doc.add(new BinaryDocValuesField("bytes", new BytesRef("b" + i)));
        writer.addDocument(doc);
      }
      writer.forceMerge(1);
      try (DirectoryReader reader = writer.getReader()) {
        LeafReader leaf = getOnlyLeafReader(reader);
        TokenVectorValues tokens = (TokenVectorValues) leaf.getBinaryDocValues("tokens");
        assertEquals(mode, tokens.mode());
        BinaryDocValues bytes = leaf.getBinaryDocValues("bytes");
        assertFalse(bytes instanceof TokenVectorValues);
        for (int doc = 0; doc < docs; doc++) {
          assertEquals(doc, bytes.nextDoc());
          assertEquals(new BytesRef("b" + doc), bytes.binaryValue());
        }
      }
    }
  }
}
