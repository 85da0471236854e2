package dev.m3search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.codecs.DenseVectorMode;
import dev.m3search.codecs.LegFields;
import dev.m3search.codecs.M3FieldFormats;
import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.codecs.vectors.ReproducibleDotProduct;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A query with a window answers the first documents of the ranking a query without one gives, in
 * every mode, on 1,800 documents in three segments: two of float32 dense vectors and one of int8
 * (whose graph scores codes, so the dense score must come from the vectors), texts over a small
 * vocabulary (the sparse leg ties, also at the window's edge) and shared dense vectors (the dense
 * leg ties).
 */
class HybridQueryWindowTest {
  private static final int PER_SEGMENT = 600;
  private static final int DIMENSION = 16;
  private static final DenseVectorMode[] SEGMENT_MODES = {DenseVectorMode.FLOAT32, DenseVectorMode.INT8, DenseVectorMode.FLOAT32};
  private static final Fusion FUSION = new Fusion.NormalizedWeightedSum(new LegWeights(0.2f, 0.1f, 0.7f));

  private static Directory directory;
  private static DirectoryReader reader;
  private static IndexSearcher searcher;
  private static final List<float[]> vectors = new ArrayList<>();

  @BeforeAll
  static void build() throws IOException {
    directory = new ByteBuffersDirectory();
    Random random = new Random(1201);
    for (DenseVectorMode mode : SEGMENT_MODES) {
      IndexWriterConfig config = new IndexWriterConfig()
          .setCodec(new M3Lucene104Codec(new M3FieldFormats(mode, TokenVectorMode.INT8)))
          .setMergePolicy(NoMergePolicy.INSTANCE);
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (int i = 0; i < PER_SEGMENT; i++) {
          float[] dense = i % 29 == 3 ? vectors.getLast() : unit(random, DIMENSION);
          vectors.add(dense);
          Document doc = new Document();
          LegFields.EMBEDDED.fields(dense, null, new float[][] {unit(random, 8), unit(random, 8)}).forEach(doc::add);
          doc.add(new TextField(LegFields.EMBEDDED.sparse(), "w" + random.nextInt(12) + " w" + random.nextInt(12), Field.Store.NO));
          writer.addDocument(doc);
        }
      }
    }
    reader = DirectoryReader.open(directory);
    assertEquals(SEGMENT_MODES.length, reader.leaves().size());
    searcher = new IndexSearcher(reader);
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
    directory.close();
  }

  private static float[] unit(Random random, int dimension) {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return VectorUtil.l2normalize(v);
  }

  private static EncodedQuery query(Random random) {
    BooleanQuery.Builder sparse = new BooleanQuery.Builder();
    sparse.add(new TermQuery(new Term(LegFields.EMBEDDED.sparse(), "w" + random.nextInt(12))), Occur.SHOULD);
    sparse.add(new TermQuery(new Term(LegFields.EMBEDDED.sparse(), "w" + random.nextInt(12))), Occur.SHOULD);
    return new EncodedQuery(unit(random, DIMENSION), sparse.build(), new float[][] {unit(random, 8), unit(random, 8)});
  }

  private static HybridQuery query(EncodedQuery query, SearchMode mode, int window) {
    return new HybridQuery(LegFields.EMBEDDED, query, mode, FUSION, 100, window, null, 1);
  }

  private static HybridQuery wholeRanking(EncodedQuery query, SearchMode mode) {
    return new HybridQuery(LegFields.EMBEDDED, query, mode, FUSION, 100, null, 1);
  }

  @Test
  void aWindowAnswersTheFirstDocumentsOfTheWholeRanking() throws IOException {
    Random random = new Random(7);
    int sparseTiesAtTheEdge = 0;
    for (int trial = 0; trial < 20; trial++) {
      EncodedQuery encoded = query(random);
      for (SearchMode mode : SearchMode.values()) {
        ScoreDoc[] whole = searcher.search(wholeRanking(encoded, mode), 1000).scoreDocs;
        for (int window : new int[] {1, 7, 10, 33}) {
          ScoreDoc[] windowed = searcher.search(query(encoded, mode, window), 1000).scoreDocs;
          assertEquals(Math.min(window, whole.length), windowed.length, mode + " window " + window);
          for (int i = 0; i < windowed.length; i++) {
            assertEquals(whole[i].doc, windowed[i].doc, mode + " window " + window + " hit " + i);
            assertEquals(whole[i].score, windowed[i].score, mode + " window " + window + " hit " + i);
          }
          if (mode == SearchMode.SPARSE && window < whole.length) {
            SingleLegDocsQuery ranked = (SingleLegDocsQuery) searcher.rewrite(wholeRanking(encoded, mode));
            if (ranked.legScore(whole[window - 1].doc) == ranked.legScore(whole[window].doc)) {
              sparseTiesAtTheEdge++;
            }
          }
        }
      }
    }
    assertTrue(sparseTiesAtTheEdge >= 5, "windows whose last sparse score ties the next one: " + sparseTiesAtTheEdge);
  }

  @Test
  void aDocumentBelowTheWindowIsExplainedAsNoMatch() throws IOException {
    EncodedQuery encoded = query(new Random(3));
    ScoreDoc[] whole = searcher.search(wholeRanking(encoded, SearchMode.SPARSE), 20).scoreDocs;
    int below = whole[15].doc;
    assertTrue(searcher.explain(wholeRanking(encoded, SearchMode.SPARSE), below).isMatch());
    assertFalse(searcher.explain(query(encoded, SearchMode.SPARSE, 10), below).isMatch());
  }

  @Test
  void denseScoresAreTheDotProductsOnFloatAndQuantisedSegments() throws IOException {
    Random random = new Random(11);
    int onQuantisedSegment = 0;
    for (int trial = 0; trial < 10; trial++) {
      EncodedQuery encoded = query(random);
      SingleLegDocsQuery ranked = assertInstanceOf(SingleLegDocsQuery.class, searcher.rewrite(wholeRanking(encoded, SearchMode.DENSE)));
      for (ScoreDoc hit : searcher.search(ranked, 100).scoreDocs) {
        float exact = ReproducibleDotProduct.dotProduct(encoded.dense(), vectors.get(hit.doc));
        if (hit.doc / PER_SEGMENT == 1) {
          onQuantisedSegment++;
          assertEquals(exact, ranked.legScore(hit.doc), "int8 segment: the float vectors' dot product, not the codes'");
        } else {
          assertEquals(exact, ranked.legScore(hit.doc), 1e-6f, "float32 segment: Lucene's own dot product");
        }
      }
    }
    assertTrue(onQuantisedSegment > 100, Arrays.toString(SEGMENT_MODES) + ": " + onQuantisedSegment);
  }
}
