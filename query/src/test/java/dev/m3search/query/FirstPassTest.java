package dev.m3search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.codecs.DenseVectorMode;
import dev.m3search.codecs.LegFields;
import dev.m3search.codecs.M3FieldFormats;
import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
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
import org.apache.lucene.search.Explanation;
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
 * A fused search on 2bit token codes ranks its candidates by the first pass and scores the best
 * {@link HybridQuery#exactlyScored} of them exactly: on 1,500 documents in three segments whose
 * tokens cluster around 24 directions, as a model's do (a document's tokens around a few of them,
 * its dense vector their mean), those get the exact MaxSim, every other candidate ranks below
 * them, explanations still add up, and the top 10 holds nearly all of the top 10 that exact
 * scores of the whole union give (97% of it over 40 queries here; the README has what it changes on
 * public collections).
 */
class FirstPassTest {
  private static final int PER_SEGMENT = 500;
  private static final int SEGMENTS = 3;
  private static final int TOKEN_DIMENSION = 96;
  private static final int DEPTH = 100;
  private static final Fusion FUSION = DefaultFusion.LEXICAL;

  private static Directory directory;
  private static DirectoryReader reader;
  private static IndexSearcher searcher;
  private static float[][] centres;

  @BeforeAll
  static void build() throws IOException {
    directory = new ByteBuffersDirectory();
    Random random = new Random(2211);
    centres = new float[24][];
    for (int c = 0; c < centres.length; c++) {
      centres[c] = unit(random, TOKEN_DIMENSION);
    }
    for (int s = 0; s < SEGMENTS; s++) {
      IndexWriterConfig config = new IndexWriterConfig()
          .setCodec(new M3Lucene104Codec(new M3FieldFormats(DenseVectorMode.FLOAT32, TokenVectorMode.BIT2)))
          .setMergePolicy(NoMergePolicy.INSTANCE);
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (int i = 0; i < PER_SEGMENT; i++) {
          float[][] tokens = tokens(random, 4 + random.nextInt(30));
          Document doc = new Document();
          LegFields.EMBEDDED.fields(mean(tokens), null, tokens).forEach(doc::add);
          doc.add(new TextField(LegFields.EMBEDDED.sparse(), "w" + random.nextInt(40) + " w" + random.nextInt(40), Field.Store.NO));
          writer.addDocument(doc);
        }
      }
    }
    reader = DirectoryReader.open(directory);
    assertEquals(SEGMENTS, reader.leaves().size());
    searcher = new IndexSearcher(reader);
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
    directory.close();
  }

  @Test
  void theBestByTheFirstPassAndThoseThatMayReachTheTopAreScoredExactlyAndTheRestRankBelow() throws IOException {
    Random random = new Random(5);
    int exactly = HybridQuery.exactlyScored(DEPTH);
    for (int trial = 0; trial < 10; trial++) {
      EncodedQuery encoded = query(random);
      for (SearchMode mode : List.of(SearchMode.HYBRID, SearchMode.COLBERT)) {
        FusedDocsQuery fused = assertInstanceOf(FusedDocsQuery.class, searcher.rewrite(query(encoded, mode)));
        assertTrue(fused.size() > exactly, "the first pass runs: " + fused.size() + " candidates");
        int[] docs = new int[fused.size()];
        for (int i = 0; i < docs.length; i++) {
          docs[i] = fused.doc(i);
        }
        LegScores[] exact = ExactLegScores.score(searcher, docs, encoded);
        Set<Integer> exactlyScored = new HashSet<>();
        for (int i = 0; i < docs.length; i++) {
          if (!fused.estimated(i)) {
            exactlyScored.add(docs[i]);
            assertEquals(exact[i].colbert(), fused.candidate(i).legs().colbert(), mode + ": the exact MaxSim");
          }
          assertEquals(exact[i].dense(), fused.candidate(i).legs().dense(), mode + ": dense is always exact");
          assertEquals(exact[i].sparse(), fused.candidate(i).legs().sparse(), mode + ": sparse is always exact");
        }
        // the best by the first pass, and those whose estimate could still reach the first page
        int scored = exactlyScored.size();
        assertTrue(scored >= exactly && scored < docs.length, mode + ": " + scored + " of " + docs.length + " exact");
        ScoreDoc[] hits = searcher.search(fused, docs.length).scoreDocs;
        assertEquals(docs.length, hits.length);
        for (int r = 0; r < hits.length; r++) {
          assertEquals(r < scored, exactlyScored.contains(hits[r].doc), mode + ": rank " + r);
        }
        ScoreDoc estimated = hits[scored + random.nextInt(hits.length - scored)];
        Explanation why = searcher.explain(fused, estimated.doc);
        assertEquals(estimated.score, why.getValue().floatValue(), mode + " " + why);
        double parts = 0;
        for (Explanation part : why.getDetails()) {
          parts += part.isMatch() ? part.getValue().doubleValue() : 0;
        }
        assertEquals(estimated.score, parts, 1e-5, "the parts add up: " + why);
      }
    }
  }

  @Test
  void theTopTenHoldsNearlyAllOfTheExactTopTen() throws IOException {
    Random random = new Random(6);
    int queries = 40;
    double found = 0;
    for (int trial = 0; trial < queries; trial++) {
      EncodedQuery encoded = query(random);
      FusedDocsQuery fused = (FusedDocsQuery) searcher.rewrite(query(encoded, SearchMode.HYBRID));
      int[] docs = new int[fused.size()];
      List<FusionCandidate> exactCandidates = new ArrayList<>();
      for (int i = 0; i < docs.length; i++) {
        docs[i] = fused.doc(i);
      }
      LegScores[] exact = ExactLegScores.score(searcher, docs, encoded);
      for (int i = 0; i < docs.length; i++) {
        exactCandidates.add(new FusionCandidate(exact[i], fused.candidate(i).retrievedBy()));
      }
      float[] exactFused = FUSION.fuse(exactCandidates);
      int[] byExact = Ranking.byScore(exactFused);
      Set<Integer> exactTop = new HashSet<>();
      for (int r = 0; r < 10; r++) {
        exactTop.add(docs[byExact[r]]);
      }
      for (ScoreDoc hit : searcher.search(fused, 10).scoreDocs) {
        found += exactTop.contains(hit.doc) ? 0.1 / queries : 0;
      }
    }
    assertTrue(found >= 0.95, "share of the exact top 10 the first pass keeps: " + found);
  }

  private static HybridQuery query(EncodedQuery query, SearchMode mode) {
    return new HybridQuery(LegFields.EMBEDDED, query, mode, FUSION, DEPTH, null, 1);
  }

  private static EncodedQuery query(Random random) {
    BooleanQuery.Builder sparse = new BooleanQuery.Builder();
    for (int t = 0; t < 3; t++) {
      sparse.add(new TermQuery(new Term(LegFields.EMBEDDED.sparse(), "w" + random.nextInt(40))), Occur.SHOULD);
    }
    float[][] tokens = tokens(random, 3 + random.nextInt(8));
    return new EncodedQuery(mean(tokens), sparse.build(), tokens);
  }

  /** Tokens around two or three of the directions, with noise. */
  private static float[][] tokens(Random random, int count) {
    int[] topics = {random.nextInt(centres.length), random.nextInt(centres.length), random.nextInt(centres.length)};
    float[][] tokens = new float[count][TOKEN_DIMENSION];
    for (float[] t : tokens) {
      float[] c = centres[topics[random.nextInt(topics.length)]];
      for (int i = 0; i < TOKEN_DIMENSION; i++) {
        t[i] = c[i] + 0.9f * (float) random.nextGaussian() / (float) Math.sqrt(TOKEN_DIMENSION);
      }
      VectorUtil.l2normalize(t);
    }
    return tokens;
  }

  private static float[] mean(float[][] tokens) {
    float[] mean = new float[TOKEN_DIMENSION];
    for (float[] t : tokens) {
      VectorUtil.add(mean, t);
    }
    return VectorUtil.l2normalize(mean);
  }

  private static float[] unit(Random random, int dimension) {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return VectorUtil.l2normalize(v);
  }
}
