package dev.m3search.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.model.EncoderOptions;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.ModelSpec;
import dev.m3search.engine.model.TextEncoding;
import dev.m3search.query.Fusion;
import dev.m3search.query.LegWeights;
import dev.m3search.query.MaxSim;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded API on the default model: add, replace, delete, commit, filter, search, refuse a wrong model. */
class M3IndexTest {
  private static final List<SourceDocument> DOCS =
      List.of(
          new SourceDocument("tides", "Tides", "The Moon's gravity pulls the oceans, raising the sea twice a day.", Map.of("topic", "astronomy")),
          new SourceDocument("comet", "Comets", "A comet is a ball of ice and dust that grows a tail near the Sun.", Map.of("topic", "astronomy")),
          new SourceDocument("bread", "Baking", "Knead the dough, let it rise, then bake it until the crust is brown.", Map.of("topic", "cooking")),
          new SourceDocument("soup", "Soup", "Simmer onions and carrots in stock for a simple vegetable soup.", Map.of("topic", "cooking")),
          new SourceDocument("tomato", "Tomatoes", "Tomato plants need full sun, deep watering and a stake for support.", Map.of("topic", "gardening")),
          new SourceDocument("compost", "Compost", "Kitchen scraps and leaves decay into compost that feeds the soil.", Map.of("topic", "gardening")));

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

  @Test
  void hybridSearchRanksTheRightDocumentAndExplainsEveryLegExactly() throws Exception {
    // float32 token vectors, so the colbert leg equals MaxSim of the encoder's floats
    IndexConfig exact = IndexConfig.defaults().withStorage(StorageModes.defaults().withTokens(TokenVectorMode.FLOAT32));
    try (M3Index index = M3Index.open(dir, encoder, exact)) {
      AddResult added = index.add(DOCS);
      assertEquals(6, added.documents());
      index.refresh();
      String query = "why does the sea rise and fall each day";
      List<SearchHit> hits = index.search(query, SearchOptions.defaults(index.defaultFusion()));
      assertEquals("tides", hits.get(0).id());
      assertEquals(6, hits.size(), "a tiny index is searched exhaustively");

      TextEncoding q = encoder.encodeQuery(query);
      TextEncoding d = encoder.encodeDocuments(List.of(DOCS.get(0).encodedText())).get(0);
      assertEquals(VectorUtil.dotProduct(q.dense(), d.dense()), hits.get(0).legs().dense(), 1e-5);
      assertEquals(MaxSim.score(q.tokenVectors(), d.tokenVectors()), hits.get(0).legs().colbert(), 1e-5);
      assertTrue(hits.get(0).legs().sparse() > 0, "tides shares the word sea with the query");
      assertEquals("Tides", hits.get(0).title());
      assertEquals(Map.of("topic", "astronomy"), hits.get(0).metadata());
    }
  }

  @Test
  void everyModeAndFusionRanksByItsOwnScore() throws Exception {
    try (M3Index index = M3Index.open(dir, encoder)) {
      index.add(DOCS);
      index.refresh(); // adds become visible on refresh or commit
      String query = "growing vegetables in the garden";
      SearchOptions base = SearchOptions.defaults(index.defaultFusion());
      for (SearchMode mode : SearchMode.values()) {
        List<SearchHit> hits = index.search(query, base.withMode(mode));
        for (int i = 1; i < hits.size(); i++) {
          assertTrue(hits.get(i - 1).score() >= hits.get(i).score(), mode + " is sorted");
        }
        SearchHit top = hits.get(0);
        switch (mode) {
          case DENSE -> assertEquals(top.legs().dense(), top.score(), 1e-6);
          case SPARSE -> assertEquals(top.legs().sparse(), top.score());
          case COLBERT -> assertEquals(top.legs().colbert(), top.score());
          case HYBRID -> assertTrue(top.score() > 0);
        }
      }
      List<SearchHit> weighted = index.search(query, base.withFusion(new Fusion.WeightedSum(LegWeights.BGE_M3)));
      SearchHit w = weighted.get(0);
      assertEquals(0.4f * w.legs().dense() + 0.2f * w.legs().sparse() + 0.4f * w.legs().colbert(), w.score(), 1e-5);
      List<SearchHit> rrf = index.search(query, base.withFusion(new Fusion.ReciprocalRank(LegWeights.BGE_M3, 60)));
      assertTrue(rrf.get(0).score() <= 1f / 61 + 1e-6, "RRF scores are bounded by Σw/(k+1)");
    }
  }

  @Test
  void candidatesFromDenseAndSparseUnionWhenTheIndexIsLargerThanTheDepth() throws Exception {
    try (M3Index index = M3Index.open(dir, encoder)) {
      index.add(DOCS);
      index.refresh(); // adds become visible on refresh or commit
      // depth 2 < 6 documents: candidates are dense top-2 ∪ sparse top-2, not the whole index
      SearchOptions shallow = SearchOptions.defaults(index.defaultFusion()).withK(2).withCandidates(2);
      List<SearchHit> hits = index.search("comet tail made of ice", shallow);
      assertEquals("comet", hits.get(0).id());
      assertEquals(2, hits.size());
    }
  }

  @Test
  void filterAppliesInsideEveryLeg() throws Exception {
    try (M3Index index = M3Index.open(dir, encoder)) {
      index.add(DOCS);
      index.refresh(); // adds become visible on refresh or commit
      for (SearchMode mode : SearchMode.values()) {
        SearchOptions options =
            SearchOptions.defaults(index.defaultFusion()).withCandidates(2).withMode(mode)
                .withFilter(Filters.metadataEquals(Map.of("topic", "cooking")));
        List<SearchHit> hits = index.search("the moon and the sea", options);
        assertTrue(hits.stream().allMatch(h -> h.metadata().get("topic").equals("cooking")), mode + ": " + hits);
      }
    }
  }

  @Test
  void replaceDeleteCommitAndReopen() throws Exception {
    try (M3Index index = M3Index.open(dir, encoder)) {
      index.add(DOCS);
      index.refresh(); // adds become visible on refresh or commit
      index.add(List.of(new SourceDocument("soup", "Soup", "Gazpacho is a cold tomato soup from Spain.")));
      index.delete("compost");
      index.commit(Map.of("note", "kept"));
      assertEquals(5, index.info().documents());
    }
    try (M3Index reopened = M3Index.openReadOnly(dir, encoder)) {
      assertEquals(5, reopened.info().documents());
      assertEquals("kept", reopened.info().commitData().get("note"));
      SearchHit top = reopened.search("cold Spanish soup", SearchOptions.defaults(reopened.defaultFusion())).get(0);
      assertEquals("soup", top.id());
      assertTrue(top.text().startsWith("Gazpacho"));
      assertThrows(IllegalStateException.class, () -> reopened.delete("soup"));
    }
  }

  @Test
  void anotherModelIsRefusedWithAClearErrorAndTheNameIsOnlyALabel() throws Exception {
    try (M3Index index = M3Index.open(dir, encoder)) {
      index.add(DOCS.subList(0, 1));
      index.commit(Map.of());
    }
    ModelSpec real = ModelSpec.defaultModel();
    ModelSpec otherPrefix = real.withSettings(real.settings().withQueryPrefix("query: "));
    try (M3Encoder otherEncoder = M3Encoder.open(otherPrefix, new EncoderOptions(4, 1))) {
      ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> M3Index.open(dir, otherEncoder));
      assertTrue(e.getMessage().contains("was built with model bge-small-en-v1.5"), e.getMessage());
      assertTrue(e.getMessage().contains("query prefix"), e.getMessage());
    }
    ModelSpec renamed =
        new ModelSpec("my-copy", real.settings(), null, real.onnxBytes(), real.tokenizerJson(), real.weightsDigest());
    try (M3Encoder renamedEncoder = M3Encoder.open(renamed, new EncoderOptions(4, 1));
        M3Index index = M3Index.openReadOnly(dir, renamedEncoder)) {
      assertEquals(1, index.info().documents(), "the same model under another name opens the index; the refused open changed nothing");
    }
  }
}
