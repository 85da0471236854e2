package dev.m3search.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.model.EncoderOptions;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.ModelSpec;
import dev.m3search.engine.model.TextEncoding;
import dev.m3search.engine.onnx.TinyM3Model;
import dev.m3search.query.Fusion;
import dev.m3search.query.LegWeights;
import dev.m3search.query.MaxSim;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.VectorUtil;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index built with an m3-layout model: learned sparse weights on impact postings, and BGE-M3's
 * combined score {@code 0.4·dense + 0.2·sparse + 0.4·colbert} on every hit.
 */
class M3LayoutIndexTest {
  private static final List<SourceDocument> DOCS =
      List.of(
          new SourceDocument("d1", "", "alpha beta gamma"),
          new SourceDocument("d2", "", "delta epsilon zeta"),
          new SourceDocument("d3", "", "alpha mu mu lambda"),
          new SourceDocument("d4", "", "eta theta iota kappa"));

  @TempDir Path dir;

  @Test
  void everyHitCarriesExactLegScoresAndTheBgeM3CombinedScore() throws Exception {
    try (M3Encoder encoder = M3Encoder.open(ModelSpec.fromFolder(TinyM3Model.writeTo(dir.resolve("model"))), new EncoderOptions(4, 1));
        M3Index index =
            M3Index.open(
                dir.resolve("index"),
                encoder,
                IndexConfig.defaults().withStorage(StorageModes.defaults().withTokens(TokenVectorMode.FLOAT32)))) {
      index.add(DOCS);
      index.refresh(); // adds become visible on refresh or commit
      assertTrue(index.defaultFusion() instanceof Fusion.WeightedSum, "learned sparse weights fuse by BGE-M3's weighted sum");
      String query = "alpha mu";
      List<SearchHit> hits = index.search(query, SearchOptions.defaults(index.defaultFusion()));
      assertEquals(4, hits.size());

      TextEncoding q = encoder.encodeQuery(query);
      for (SearchHit hit : hits) {
        SourceDocument source = DOCS.stream().filter(d -> d.id().equals(hit.id())).findFirst().orElseThrow();
        TextEncoding d = encoder.encodeDocuments(List.of(source.encodedText())).get(0);
        float dense = VectorUtil.dotProduct(q.dense(), d.dense());
        float colbert = MaxSim.score(q.tokenVectors(), d.tokenVectors());
        float sparse = 0;
        for (Map.Entry<Integer, Float> e : q.sparseWeights().entrySet()) {
          sparse += e.getValue() * d.sparseWeights().getOrDefault(e.getKey(), 0f);
        }
        assertEquals(dense, hit.legs().dense(), 1e-5, hit.id());
        assertEquals(colbert, hit.legs().colbert(), 1e-5, hit.id());
        // FeatureField keeps 9 significant bits of a document weight: relative error under 0.4 %
        assertEquals(sparse, hit.legs().sparse(), 0.004 * sparse + 1e-6, hit.id());
        assertEquals(0.4f * dense + 0.2f * sparse + 0.4f * colbert, hit.score(), 0.002, hit.id());
      }
      assertEquals(0f, hits.stream().filter(h -> h.id().equals("d4")).findFirst().orElseThrow().legs().sparse());
      assertTrue(hits.get(0).id().equals("d3") || hits.get(0).id().equals("d1"), "a document sharing the query's words ranks first");

      List<SearchHit> sparseOnly = index.search(query, SearchOptions.defaults(index.defaultFusion()).withMode(SearchMode.SPARSE));
      assertTrue(sparseOnly.stream().noneMatch(h -> h.id().equals("d4")), "no shared token, no sparse hit");

      List<SearchHit> custom = index.search(query, SearchOptions.defaults(new Fusion.WeightedSum(new LegWeights(1, 1, 0))));
      SearchHit top = custom.get(0);
      assertEquals((top.legs().dense() + top.legs().sparse()) / 2, top.score(), 1e-5, "weights are divided by their sum");
    }
  }

  @Test
  void anIndexOfOneModelRefusesTheOther() throws Exception {
    Path index = dir.resolve("index");
    try (M3Encoder tiny = M3Encoder.open(ModelSpec.fromFolder(TinyM3Model.writeTo(dir.resolve("model"))), new EncoderOptions(4, 1));
        M3Index built = M3Index.open(index, tiny)) {
      built.add(DOCS);
      built.commit(Map.of());
    }
    try (M3Encoder bge = M3Encoder.open(ModelSpec.defaultModel(), new EncoderOptions(4, 1))) {
      ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> M3Index.openReadOnly(index, bge));
      assertTrue(e.getMessage().contains("tiny-m3 (m3, dense 4d"), e.getMessage());
      assertTrue(e.getMessage().contains("bge-small-en-v1.5 (hidden-state, dense 384d"), e.getMessage());
    }
  }
}
