package dev.m3search.codecs.sparse;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.tests.index.BasePostingsFormatTestCase;
import org.apache.lucene.tests.util.TestUtil;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's postings format test suite on the block-max sparse format (every field written through
 * it, with or without maxima), and a check that the maxima match the postings they describe after
 * random adds, updates, deletes and merges.
 */
public class TestBlockMaxSparsePostingsFormat extends BasePostingsFormatTestCase {
  private final Codec codec = TestUtil.alwaysPostingsFormat(new BlockMaxSparsePostingsFormat());

  @Override
  protected Codec getCodec() {
    return codec;
  }

  public void testBlockMaximaMatchPostings() throws IOException {
    try (Directory dir = newDirectory()) {
      IndexWriterConfig config = newIndexWriterConfig().setCodec(codec);
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        int docs = atLeast(2000);
        for (int i = 0; i < docs; i++) {
          writer.updateDocument(new Term("id", Integer.toString(i % (docs / 2))), randomDocument(i % (docs / 2)));
          if (random().nextInt(200) == 0) {
            writer.deleteDocuments(new Term("id", Integer.toString(random().nextInt(docs / 2))));
          }
          if (random().nextInt(500) == 0) {
            writer.commit();
          }
        }
        if (random().nextBoolean()) {
          writer.forceMerge(1);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        for (LeafReaderContext leaf : reader.leaves()) {
          Terms terms = leaf.reader().terms("sparse");
          assertTrue("the sparse field has block maxima", terms instanceof BlockMaximaTerms);
          assertFalse("a text field with norms has none", leaf.reader().terms("text") instanceof BlockMaximaTerms);
          checkMaxima((BlockMaximaTerms) terms);
        }
      }
    }
  }

  /** Each term has exactly the blocks its postings fall in, each with the greatest frequency there. */
  private static void checkMaxima(BlockMaximaTerms terms) throws IOException {
    FieldBlockMaxima maxima = terms.maxima();
    int shift = maxima.blockShift();
    TermsEnum termsEnum = terms.iterator();
    PostingsEnum postings = null;
    for (BytesRef term = termsEnum.next(); term != null; term = termsEnum.next()) {
      Map<Integer, Integer> expected = new HashMap<>();
      postings = termsEnum.postings(postings, PostingsEnum.FREQS);
      for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
        expected.merge(doc >> shift, postings.freq(), Math::max);
      }
      BlockMaximaCursor cursor = maxima.blocks(term);
      assertNotNull(term.utf8ToString(), cursor);
      int blocks = 0;
      for (int block = cursor.nextBlock(); block >= 0; block = cursor.nextBlock()) {
        assertEquals("term " + term.utf8ToString() + " block " + block, expected.get(block), Integer.valueOf(cursor.maxFreq()));
        blocks++;
      }
      assertEquals(term.utf8ToString(), expected.size(), blocks);
    }
    assertNull(maxima.blocks(new BytesRef("no such term")));
  }

  private static Document randomDocument(int id) {
    Document doc = new Document();
    doc.add(new StringField("id", Integer.toString(id), Field.Store.NO));
    doc.add(new TextField("text", "word" + random().nextInt(20), Field.Store.NO));
    Set<String> terms = new HashSet<>();
    int count = 1 + random().nextInt(12);
    while (terms.size() < count) {
      terms.add(Integer.toString(random().nextInt(1 + random().nextInt(300))));
    }
    for (String term : terms) {
      doc.add(new FeatureField("sparse", term, 0.001f + random().nextFloat() * 5));
    }
    return doc;
  }
}
