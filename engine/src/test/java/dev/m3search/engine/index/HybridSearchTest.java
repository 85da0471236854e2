package dev.m3search.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.engine.model.CrossEncoder;
import dev.m3search.engine.model.EncoderOptions;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.ModelSpec;
import dev.m3search.engine.model.RerankOptions;
import dev.m3search.engine.onnx.TinyReranker;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.Fusion;
import dev.m3search.query.LegWeights;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene-native hybrid query through the embedded API: paging, explanations, doc-id independence, reranking. */
class HybridSearchTest {
  private static final String[] WORDS = {"sun", "moon", "sea", "tide", "salt", "rock", "tree", "leaf", "rain", "snow"};
  private static final List<SourceDocument> DOCS = documents(40);
  private static final List<Fusion> FUSIONS = List.of(
      new Fusion.WeightedSum(LegWeights.BGE_M3),
      new Fusion.NormalizedWeightedSum(new LegWeights(0.3f, 0.3f, 0.4f)),
      new Fusion.ReciprocalRank(new LegWeights(1, 1, 1), 60));

  private static M3Encoder encoder;

  @TempDir Path dir;

  @BeforeAll
  static void open() throws Exception {
    encoder = M3Encoder.open(ModelSpec.defaultModel(), new EncoderOptions(16, 2));
  }

  @AfterAll
  static void close() throws Exception {
    encoder.close();
  }

  /** Short texts over a small vocabulary, so that the sparse leg matches some documents and not others. */
  private static List<SourceDocument> documents(int n) {
    Random random = new Random(3);
    List<SourceDocument> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 3 + random.nextInt(5); w++) {
        text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
      }
      docs.add(new SourceDocument("d" + i, "", text.toString(), Map.of("even", i % 2 == 0 ? "yes" : "no")));
    }
    return docs;
  }

  private M3Index indexOf(Path path, List<SourceDocument> docs) throws Exception {
    M3Index index = M3Index.open(path, encoder);
    index.add(docs);
    index.refresh();
    return index;
  }

  @Test
  void pagesOfOnePointInTimeFitTogetherInEveryMode() throws Exception {
    try (M3Index index = indexOf(dir, DOCS); IndexSnapshot snapshot = index.snapshot()) {
      EncodedQuery query = index.encodeQuery("moon over the sea at high tide");
      for (SearchMode mode : SearchMode.values()) {
        // depth 8 < 40 documents: candidates, not the whole index
        SearchOptions options = SearchOptions.defaults(index.defaultFusion()).withMode(mode).withCandidates(8);
        List<SearchHit> all = snapshot.search(query, options.withK(12));
        List<SearchHit> paged = new ArrayList<>();
        for (int from = 0; from < 12; from += 5) {
          paged.addAll(snapshot.search(query, options.withFrom(from).withK(Math.min(5, 12 - from))));
        }
        assertEquals(ids(all), ids(paged), mode + ": pages concatenate to the ranking");
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12).subList(0, paged.size()),
            paged.stream().map(SearchHit::rank).toList(), mode + ": ranks count across pages");
      }
    }
  }

  @Test
  void explanationsGiveEveryLegAndAddUpToTheScore() throws Exception {
    try (M3Index index = indexOf(dir, DOCS)) {
      EncodedQuery query = index.encodeQuery("rain and snow on the rock");
      for (Fusion fusion : FUSIONS) {
        SearchOptions options = SearchOptions.defaults(fusion).withCandidates(10);
        for (SearchHit hit : index.search(query, options)) {
          Explanation why = index.explain(query, options, hit.id());
          assertEquals(hit.score(), why.getValue().floatValue(), fusion.describe() + " " + why);
          // a leg each, and for a score set apart from an equal one, the amount it was lowered by
          int legs = why.getDetails().length;
          assertTrue(legs == 3 || (legs == 4 && why.getDetails()[3].getDescription().startsWith("set apart")), why.toString());
          double parts = 0;
          for (Explanation leg : why.getDetails()) {
            parts += leg.isMatch() ? leg.getValue().doubleValue() : 0;
          }
          assertEquals(hit.score(), parts, 1e-5, "the legs' parts add up: " + why);
        }
      }
      for (SearchMode mode : SearchMode.values()) {
        SearchOptions options = SearchOptions.defaults(index.defaultFusion()).withMode(mode).withCandidates(10);
        for (SearchHit hit : index.search(query, options)) {
          assertEquals(hit.score(), index.explain(query, options, hit.id()).getValue().floatValue(), mode + " " + hit.id());
        }
      }
      // candidates 2: at most 4 documents are ranked, and the others are no match
      SearchOptions narrow = SearchOptions.defaults(FUSIONS.get(0)).withCandidates(2).withK(DOCS.size());
      List<SearchHit> ranked = index.search(query, narrow);
      assertTrue(ranked.size() >= 2 && ranked.size() <= 4, ranked.toString());
      for (SourceDocument doc : DOCS) {
        Explanation why = index.explain(query, narrow, doc.id());
        SearchHit hit = ranked.stream().filter(h -> h.id().equals(doc.id())).findFirst().orElse(null);
        assertEquals(hit != null, why.isMatch(), doc.id() + ": " + why);
        if (hit != null) {
          assertEquals(hit.score(), why.getValue().floatValue(), doc.id() + ": " + why);
        }
      }
      assertEquals(null, index.explain(query, narrow, "no such id"));
    }
  }

  @Test
  void anIndexSearcherRunsTheHybridQueryLikeAnyOther() throws Exception {
    try (M3Index index = indexOf(dir, DOCS); IndexSnapshot snapshot = index.snapshot()) {
      EncodedQuery query = index.encodeQuery("leaf of a tree in the rain");
      for (SearchMode mode : SearchMode.values()) {
        SearchOptions options = SearchOptions.defaults(FUSIONS.get(0)).withMode(mode).withCandidates(10).withK(5);
        TopDocs top = snapshot.searcher().search(snapshot.query(query, options), 5);
        List<SearchHit> hits = snapshot.search(query, options);
        assertEquals(hits.size(), top.scoreDocs.length, mode.toString());
        for (int i = 0; i < hits.size(); i++) {
          ScoreDoc hit = top.scoreDocs[i];
          assertEquals(hits.get(i).score(), hit.score, mode.toString());
          String id = snapshot.searcher().storedFields().document(hit.doc).get(dev.m3search.codecs.M3Fields.ID);
          assertEquals(hits.get(i).id(), id, mode.toString());
          assertEquals(hit.score, snapshot.searcher().explain(snapshot.query(query, options), hit.doc).getValue().floatValue(), mode.toString());
        }
      }
    }
  }

  /**
   * The same documents in another order, in one segment, in seven, and in seven merged into one:
   * other doc ids and other segments, and every mode and fusion must give the same hits, scores
   * and order (equal scores included: the sparse mode ties often). Token vectors are float32 here: quantised codes depend on their segment's centroid,
   * so quantised ColBERT scores rightly change when segments do.
   */
  @Test
  void rankingsDoNotDependOnDocIdsOrSegments() throws Exception {
    List<SourceDocument> shuffled = new ArrayList<>(DOCS);
    Collections.shuffle(shuffled, new Random(11));
    IndexConfig config = IndexConfig.defaults().withStorage(StorageModes.defaults().withTokens(TokenVectorMode.FLOAT32));
    try (M3Index one = M3Index.open(dir.resolve("one"), encoder, config); M3Index seven = M3Index.open(dir.resolve("seven"), encoder, config)) {
      one.add(DOCS);
      one.commit(Map.of());
      for (int from = 0; from < shuffled.size(); from += 6) {
        seven.add(shuffled.subList(from, Math.min(from + 6, shuffled.size())));
        seven.commit(Map.of());
      }
      IndexRecoder.recode(dir.resolve("seven"), dir.resolve("merged"), config.storage());
      try (M3Index merged = M3Index.openReadOnly(dir.resolve("merged"), encoder);
          IndexSnapshot a = one.snapshot(); IndexSnapshot b = seven.snapshot(); IndexSnapshot c = merged.snapshot()) {
        assertEquals(1, a.searcher().getIndexReader().leaves().size());
        assertEquals(7, b.searcher().getIndexReader().leaves().size());
        assertEquals(1, c.searcher().getIndexReader().leaves().size());
        // (not "rain": many documents tie on it, and which of those tied at the sparse top 5's cut-off
        // are retrieved is the collector's choice, by doc id; see the README, "Fusion")
        for (String text : List.of("salt of the sea", "sun and moon", "snow rock tree")) {
          EncodedQuery query = one.encodeQuery(text);
          for (SearchMode mode : SearchMode.values()) {
            for (Fusion fusion : FUSIONS) {
              for (int candidates : new int[] {5, 100}) {
                SearchOptions options = SearchOptions.defaults(fusion).withMode(mode).withCandidates(candidates).withK(DOCS.size());
                String what = mode + ", " + fusion.describe() + ", candidates " + candidates + ", " + text;
                List<String> expected = ranking(a.search(query, options));
                assertEquals(expected, ranking(b.search(query, options)), what + ": seven segments");
                assertEquals(expected, ranking(c.search(query, options)), what + ": merged");
              }
            }
          }
        }
      }
    }
  }

  @Test
  void onlyTheTopNAreRerankedAndTheRestKeepTheirOrder() throws Exception {
    try (M3Index index = indexOf(dir.resolve("index"), DOCS);
        CrossEncoder crossEncoder = CrossEncoder.open(TinyReranker.writeTo(dir.resolve("reranker")), RerankOptions.defaults().withBatchSize(3))) {
      String text = "sea tide";
      List<SearchHit> first = index.search(index.encodeQuery(text), SearchOptions.defaults(index.defaultFusion()).withK(10));
      HitReranker reranker = new HitReranker(crossEncoder, 4);
      List<SearchHit> reranked = reranker.rerank(text, first);
      assertEquals(first.size(), reranked.size());
      List<String> top4 = ids(first.subList(0, 4));
      List<String> expected = new ArrayList<>(top4);
      Map<String, Float> crossScores = new LinkedHashMap<>();
      for (SearchHit hit : first.subList(0, 4)) {
        crossScores.put(hit.id(), TinyReranker.expected(text, hit.text()));
      }
      expected.sort((x, y) -> Float.compare(crossScores.get(y), crossScores.get(x)));
      assertEquals(expected, ids(reranked.subList(0, 4)), "the top 4 by the cross-encoder");
      for (int i = 0; i < 4; i++) {
        assertEquals(crossScores.get(reranked.get(i).id()), reranked.get(i).score(), 1e-5f);
      }
      assertEquals(ids(first.subList(4, first.size())), ids(reranked.subList(4, reranked.size())), "the rest as they were");
      for (int i = 4; i < first.size(); i++) {
        assertEquals(first.get(i).score(), reranked.get(i).score());
        assertEquals(i + 1, reranked.get(i).rank());
      }
      Explanation why = reranker.explain(text, reranked.get(0), index.explain(index.encodeQuery(text),
          SearchOptions.defaults(index.defaultFusion()), reranked.get(0).id()));
      assertEquals(reranked.get(0).score(), why.getValue().floatValue(), 1e-5f);
      assertTrue(why.getDescription().contains("cross-encoder") && why.getDetails().length == 1, why.toString());
    }
  }

  private static List<String> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }

  private static List<String> ranking(List<SearchHit> hits) {
    return hits.stream().map(h -> h.id() + "=" + h.score()).toList();
  }
}
