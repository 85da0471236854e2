package dev.m3search.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.query.Fusion;
import dev.m3search.query.LegWeights;
import dev.m3search.query.SearchMode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class HybridOptionsTest {

  /** Reads {"KEY": VALUE} into the defaults. */
  private static HybridOptions read(String key, String value) throws IOException {
    JacksonSource parser = new JacksonSource("{\"" + key + "\": " + value + "}");
    parser.next();
    parser.next();
    return HybridOptions.defaults().read(key, parser);
  }

  @Test
  void readsEachOption() throws IOException {
    assertEquals(SearchMode.COLBERT, read("mode", "\"ColBERT\"").mode());
    assertEquals("rrf", read("fusion", "\"rrf\"").fusion());
    assertEquals(new LegWeights(0.5f, 0.3f, 0.2f), read("weights", "[0.5, 0.3, 0.2]").weights());
    assertEquals(new LegWeights(0.7f, 0.3f, 0f), read("weights", "[0.7, 0.3]").weights());
    assertEquals(40, read("depth", "40").depth());
    assertTrue(HybridOptions.isOption("depth") && !HybridOptions.isOption("field"));
  }

  @Test
  void errorsSayWhy() {
    assertMessage(() -> read("mode", "\"fast\""), "unknown mode [fast]: use hybrid, dense, sparse or colbert");
    assertMessage(() -> read("fusion", "\"best\""), "unknown fusion 'best'");
    assertMessage(() -> read("weights", "[1]"), "[weights] takes three numbers, dense, sparse and colbert, or two");
    assertMessage(() -> read("weights", "0.5"), "[weights] takes three numbers");
    assertMessage(() -> read("depth", "0"), "depth must be at least 1, got 0");
    assertMessage(() -> read("depth", "\"deep\""), "[depth] must be a number");
  }

  @Test
  void defaultsFollowTheFieldsLegs() {
    HybridOptions defaults = HybridOptions.defaults();
    assertEquals(new Fusion.WeightedSum(LegWeights.BGE_M3), defaults.fusionFor("m3_hybrid", "emb", true));
    assertEquals(new Fusion.WeightedSum(new LegWeights(0.4f, 0.2f, 0f)), defaults.fusionFor("m3_hybrid", "emb", false));
    HybridOptions threeWeights = new HybridOptions(SearchMode.HYBRID, "weighted", LegWeights.BGE_M3, 100);
    assertMessage(() -> threeWeights.fusionFor("m3_hybrid", "emb", false),
        "[m3_hybrid] field [emb] keeps no token vectors (token_vectors: false): give two [weights], dense and sparse");
    HybridOptions colbert = new HybridOptions(SearchMode.COLBERT, "weighted", null, 100);
    assertMessage(() -> colbert.fusionFor("m3_hybrid", "emb", false), "use mode hybrid, dense or sparse");
    // a single-leg mode on two legs is fine whatever the weights
    new HybridOptions(SearchMode.DENSE, "weighted", LegWeights.BGE_M3, 100).fusionFor("m3_hybrid", "emb", false);
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertMessage(Call call, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
