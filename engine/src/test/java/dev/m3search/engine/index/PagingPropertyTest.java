package dev.m3search.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.codecs.DenseVectorMode;
import dev.m3search.codecs.Leg;
import dev.m3search.codecs.M3Fields;
import dev.m3search.engine.model.EncoderOptions;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.ModelSpec;
import dev.m3search.engine.model.TextEncoding;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.Fusion;
import dev.m3search.query.HybridQuery;
import dev.m3search.query.LegScores;
import dev.m3search.query.LegWeights;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages are slices of one ranking, on an index of 2,400 documents in four segments: random
 * vectors (so that no model is run per document), texts over a small vocabulary (so that the
 * sparse leg ties), and documents sharing a text or a dense vector with another (so that a mode's
 * score ties while the other legs differ). The dense leg is int4, so a search that drops the
 * float rescoring of a quantised mode ranks differently.
 */
class PagingPropertyTest {
  private static final int SEGMENTS = 4;
  private static final int PER_SEGMENT = 600;
  private static final int VOCABULARY = 40;
  private static final List<Fusion> FUSIONS = List.of(
      new Fusion.WeightedSum(LegWeights.BGE_M3),
      new Fusion.NormalizedWeightedSum(new LegWeights(0.2f, 0.1f, 0.7f)),
      new Fusion.ReciprocalRank(new LegWeights(1, 1, 1), 60));

  private static M3Encoder encoder;
  private static int denseDimension;
  private static int tokenDimension;
  @TempDir static Path dir;
  private static M3Index index;

  @BeforeAll
  static void build() throws Exception {
    encoder = M3Encoder.open(ModelSpec.defaultModel(), new EncoderOptions(16, 1));
    TextEncoding sample = encoder.encodeQuery("sample");
    denseDimension = sample.dense().length;
    tokenDimension = sample.tokenVectors()[0].length;
    IndexConfig config = IndexConfig.defaults().withSearchThreads(2)
        .withStorage(StorageModes.defaults().withDense(DenseVectorMode.INT4));
    index = M3Index.open(dir, encoder, config);
    Random random = new Random(20);
    List<SourceDocument> previous = null;
    List<TextEncoding> previousEncodings = null;
    for (int segment = 0; segment < SEGMENTS; segment++) {
      List<SourceDocument> docs = new ArrayList<>();
      List<TextEncoding> encodings = new ArrayList<>();
      for (int i = 0; i < PER_SEGMENT; i++) {
        int n = segment * PER_SEGMENT + i;
        String text = text(random);
        TextEncoding encoding = new TextEncoding(unit(random, denseDimension), null, tokens(random), false);
        if (n % 37 == 1) {
          // the text of the document before, other vectors: ties on the sparse leg
          text = docs.isEmpty() ? previous.getLast().text() : docs.getLast().text();
        } else if (n % 41 == 2) {
          // the dense vector of the document before, another text: ties on the dense leg
          TextEncoding before = encodings.isEmpty() ? previousEncodings.getLast() : encodings.getLast();
          encoding = new TextEncoding(before.dense(), null, encoding.tokenVectors(), false);
        }
        docs.add(new SourceDocument("d" + n, "", text, Map.of()));
        encodings.add(encoding);
      }
      index.addEncoded(docs, encodings);
      // one commit per batch: a new segment each, too few for the merge policy to merge
      index.commit(Map.of());
      previous = docs;
      previousEncodings = encodings;
    }
    try (IndexSnapshot snapshot = index.snapshot()) {
      assertEquals(SEGMENTS, snapshot.searcher().getIndexReader().leaves().size(), "one segment per commit");
      assertEquals(SEGMENTS * PER_SEGMENT, snapshot.searcher().getIndexReader().numDocs());
    }
  }

  @AfterAll
  static void close() throws Exception {
    index.close();
    encoder.close();
  }

  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    int words = 2 + random.nextInt(5);
    for (int w = 0; w < words; w++) {
      text.append(w == 0 ? "" : " ").append("w").append(random.nextInt(VOCABULARY));
    }
    return text.toString();
  }

  private static float[] unit(Random random, int dimension) {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return VectorUtil.l2normalize(v);
  }

  private static float[][] tokens(Random random) {
    float[][] tokens = new float[3 + random.nextInt(6)][];
    for (int t = 0; t < tokens.length; t++) {
      tokens[t] = unit(random, tokenDimension);
    }
    return tokens;
  }

  /** The sparse query of a random text as the index makes it, with random dense and token vectors. */
  private static EncodedQuery query(Random random) throws Exception {
    EncodedQuery text = index.encodeQuery(text(random));
    return new EncodedQuery(unit(random, denseDimension), text.sparse(), tokens(random));
  }

  @Test
  void concatenatedPagesAreTheOneLargerSearchHitForHit() throws Exception {
    Random random = new Random(7);
    try (IndexSnapshot snapshot = index.snapshot()) {
      for (SearchMode mode : SearchMode.values()) {
        for (Fusion fusion : FUSIONS) {
          for (int trial = 0; trial < 5; trial++) {
            EncodedQuery query = query(random);
            SearchOptions options = SearchOptions.defaults(fusion).withMode(mode).withCandidates(5 + random.nextInt(40));
            // past the candidates, and past what a hybrid search ranks (at most twice the candidates)
            int end = options.candidates() * (1 + random.nextInt(3)) + random.nextInt(10);
            List<SearchHit> larger = snapshot.search(query, options.withK(end));
            List<SearchHit> paged = new ArrayList<>();
            for (int from = 0; from < end; ) {
              int size = Math.min(end - from, 1 + random.nextInt(15));
              paged.addAll(snapshot.search(query, options.withFrom(from).withK(size)));
              from += size;
            }
            String what = mode + ", " + fusion.describe() + ", candidates " + options.candidates() + ", trial " + trial;
            assertEquals(ranking(larger), ranking(paged), what + ": pages concatenate to the larger search");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < paged.size(); i++) {
              assertTrue(seen.add(paged.get(i).id()), what + ": " + paged.get(i).id() + " twice");
              assertEquals(i + 1, paged.get(i).rank(), what);
            }
            int ranked = mode == SearchMode.DENSE || mode == SearchMode.SPARSE ? options.candidates() : 2 * options.candidates();
            assertTrue(larger.size() >= Math.min(end, options.candidates()) && larger.size() <= ranked,
                what + ": " + larger.size() + " hits of " + end);
          }
        }
      }
    }
  }

  @Test
  void pagesPastTheResultWindowAreRefused() {
    SearchOptions options = SearchOptions.defaults(FUSIONS.getFirst());
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> options.withFrom(SearchOptions.MAX_RESULT_WINDOW - options.k() + 1));
    assertTrue(refused.getMessage().contains("from + k must not exceed 10000"), refused.getMessage());
    assertEquals(SearchOptions.MAX_RESULT_WINDOW, options.withFrom(SearchOptions.MAX_RESULT_WINDOW - options.k()).end());
  }

  /** {@code searcher.search(query, n)} of the index's own query is the search, whatever the mode. */
  @Test
  void aPlainIndexSearcherGivesTheSameHitsScoresAndTieOrder() throws Exception {
    Random random = new Random(8);
    int setApart = 0;
    try (IndexSnapshot snapshot = index.snapshot()) {
      StoredFields stored = snapshot.searcher().storedFields();
      for (SearchMode mode : SearchMode.values()) {
        for (Fusion fusion : FUSIONS) {
          for (int trial = 0; trial < 3; trial++) {
            EncodedQuery query = query(random);
            SearchOptions options = SearchOptions.defaults(fusion).withMode(mode).withCandidates(30).withK(60);
            TopDocs top = snapshot.searcher().search(plainQuery(snapshot, query, options), options.k());
            List<String> plain = new ArrayList<>();
            for (int i = 0; i < top.scoreDocs.length; i++) {
              ScoreDoc hit = top.scoreDocs[i];
              plain.add(stored.document(hit.doc).get(M3Fields.ID) + "=" + hit.score);
              setApart += i > 0 && hit.score == Math.nextDown(top.scoreDocs[i - 1].score) ? 1 : 0;
            }
            assertEquals(ranking(snapshot.search(query, options)), plain, mode + ", " + fusion.describe());
          }
        }
      }
    }
    // the index is built to tie: the sparse leg on short texts, the dense leg on shared vectors, RRF on ranks
    assertTrue(setApart >= 10, "equal scores set apart in the order of the legs: " + setApart);
  }

  /** The query a user runs on the snapshot's searcher. */
  private static HybridQuery plainQuery(IndexSnapshot snapshot, EncodedQuery query, SearchOptions options) {
    return snapshot.query(query, options);
  }

  @Test
  void everyHitHasEveryLegsScoreInEveryModeWhenAskedFor() throws Exception {
    Random random = new Random(9);
    for (SearchMode mode : SearchMode.values()) {
      EncodedQuery query = query(random);
      List<SearchHit> hits =
          index.search(query, SearchOptions.defaults(index.defaultFusion()).withMode(mode).withLegScores(true));
      assertEquals(SearchOptions.DEFAULT_K, hits.size());
      for (SearchHit hit : hits) {
        assertNotNull(hit.legs(), mode + ": " + hit.id());
        assertTrue(hit.legs().colbert() > -1 && hit.legs().colbert() <= 1, mode + ": " + hit.legs());
        switch (mode) {
          case DENSE -> assertEquals(hit.legs().dense(), hit.score(), mode + ": the score is the dense leg's dot product");
          case SPARSE -> assertEquals(hit.legs().sparse(), hit.score(), mode.toString());
          case COLBERT -> assertEquals(hit.legs().colbert(), hit.score(), mode.toString());
          case HYBRID -> { }
        }
      }
    }
  }

  @Test
  void singleLegHitsCarryTheirOwnLegsScoreAndNoOtherUnlessAskedFor() throws Exception {
    Random random = new Random(10);
    for (SearchMode mode : List.of(SearchMode.DENSE, SearchMode.SPARSE)) {
      EncodedQuery query = query(random);
      SearchOptions options = SearchOptions.defaults(index.defaultFusion()).withMode(mode);
      List<SearchHit> plain = index.search(query, options);
      List<SearchHit> scored = index.search(query, options.withLegScores(true));
      assertEquals(ranking(scored), ranking(plain), mode + ": leg scores are not part of the ranking");
      Leg ranked = mode == SearchMode.DENSE ? Leg.DENSE : Leg.SPARSE;
      for (int i = 0; i < plain.size(); i++) {
        LegScores legs = plain.get(i).legs();
        for (Leg leg : Leg.values()) {
          assertEquals(leg == ranked, legs.has(leg), mode + " " + leg + ": " + legs);
        }
        assertEquals(scored.get(i).legs().of(ranked), legs.of(ranked), mode.toString());
      }
    }
  }

  private static List<String> ranking(List<SearchHit> hits) {
    return hits.stream().map(h -> h.id() + "=" + h.score()).toList();
  }
}
