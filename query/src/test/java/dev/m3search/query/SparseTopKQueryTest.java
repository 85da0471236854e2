package dev.m3search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.codecs.M3Fields;
import dev.m3search.codecs.M3FieldFormats;
import dev.m3search.codecs.M3Lucene104Codec;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * The sparse top k by block-max pruning returns exactly what exhaustive scoring of Lucene's
 * disjunction returns (the same documents, scores and order of equal scores), over several
 * segments with deletes, updates and a filter; and rewrites to that disjunction on segments
 * without block maxima.
 */
class SparseTopKQueryTest {
  private static final int DOCS = 3000;

  @Test
  void topKEqualsExhaustiveScoring() throws IOException {
    compareWithExhaustive(new M3Lucene104Codec(M3FieldFormats.defaults().withBlockMaxSparse(true)), true);
  }

  @Test
  void segmentsWithoutBlockMaximaFallBackToTheDisjunction() throws IOException {
    compareWithExhaustive(new Lucene104Codec(), false);
  }

  private static void compareWithExhaustive(Codec codec, boolean blockMaxima) throws IOException {
    Random random = new Random(20261124);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try (Directory dir = new ByteBuffersDirectory()) {
      IndexWriterConfig config = new IndexWriterConfig().setCodec(codec).setMaxBufferedDocs(400)
          .setMergePolicy(NoMergePolicy.INSTANCE);
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        for (int i = 0; i < DOCS; i++) {
          writer.addDocument(document(i, random));
          if (i % 7 == 0) {
            writer.deleteDocuments(new Term("id", Integer.toString(random.nextInt(i + 1))));
          }
          if (i % 11 == 0) {
            int id = random.nextInt(i + 1);
            writer.updateDocument(new Term("id", Integer.toString(id)), document(id, random));
          }
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertTrue(reader.leaves().size() > 1, "several segments");
        assertTrue(reader.hasDeletions(), "deleted documents");
        IndexSearcher searcher = new IndexSearcher(reader, executor);
        for (int q = 0; q < 60; q++) {
          LearnedSparseQuery query = new LearnedSparseQuery(M3Fields.SPARSE, queryWeights(random, q % 4 == 0));
          Query filter = q % 3 == 0 ? new TermQuery(new Term("group", Integer.toString(q % 5))) : null;
          int k = new int[] {1, 10, 100}[q % 3];
          Query topK = query.topK(k, filter);
          assertEquals(blockMaxima, !(searcher.rewrite(topK) instanceof BooleanQuery), "block-max path taken");
          TopDocs pruned = searcher.search(topK, k);
          Query exhaustiveQuery = filter == null ? query.disjunction()
              : new BooleanQuery.Builder().add(query.disjunction(), Occur.MUST).add(filter, Occur.FILTER).build();
          TopDocs exhaustive = searcher.search(exhaustiveQuery, new TopScoreDocCollectorManager(k, Integer.MAX_VALUE));
          assertEquals(exhaustive.scoreDocs.length, pruned.scoreDocs.length, "query " + q + " hits");
          assertFalse(exhaustive.scoreDocs.length == 0, "query " + q + " matches");
          for (int i = 0; i < pruned.scoreDocs.length; i++) {
            assertEquals(exhaustive.scoreDocs[i].doc, pruned.scoreDocs[i].doc, "query " + q + " rank " + i);
            assertEquals(exhaustive.scoreDocs[i].score, pruned.scoreDocs[i].score, "query " + q + " rank " + i);
          }
          int best = pruned.scoreDocs[0].doc;
          Explanation explanation = searcher.explain(topK, best);
          assertTrue(explanation.isMatch());
          assertEquals(pruned.scoreDocs[0].score, explanation.getValue().floatValue(), 1e-6f);
        }
      }
    } finally {
      executor.shutdown();
    }
  }

  /** 10 to 50 terms from a skewed vocabulary of 2,000, weights as a learned model's: small for frequent terms. */
  private static Document document(int id, Random random) {
    Document doc = new Document();
    doc.add(new StringField("id", Integer.toString(id), Field.Store.NO));
    doc.add(new StringField("group", Integer.toString(id % 5), Field.Store.NO));
    Map<String, Float> weights = new HashMap<>();
    int count = 10 + random.nextInt(41);
    while (weights.size() < count) {
      int term = skewedTerm(random);
      weights.put("t" + term, (float) ((0.05 + 0.3 * Math.log1p(term) / Math.log(2000)) * Math.exp(0.3 * random.nextGaussian())));
    }
    weights.forEach((term, weight) -> doc.add(new FeatureField(M3Fields.SPARSE, term, weight)));
    return doc;
  }

  /** 3 to 12 terms; with {@code equalWeights} every weight is 1, so documents tie often. */
  private static Map<String, Float> queryWeights(Random random, boolean equalWeights) {
    Map<String, Float> weights = new HashMap<>();
    int count = 3 + random.nextInt(10);
    while (weights.size() < count) {
      weights.put("t" + skewedTerm(random), equalWeights ? 1f : 0.05f + random.nextFloat());
    }
    return weights;
  }

  private static int skewedTerm(Random random) {
    return (int) Math.floor(Math.exp(random.nextDouble() * Math.log(2001))) - 1;
  }
}
