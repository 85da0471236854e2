package dev.m3search.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model without token vectors (the built-in e5-small-v2) on the command line: its index has a
 * dense and a lexical leg and no token vectors, search fuses the two with the two-leg default and
 * refuses to rank by or weigh ColBERT, and eval and bench run the two legs.
 */
class TwoLegModelCommandTest {
  @TempDir static Path dir;
  static Path dataset;
  static Path index;

  @BeforeAll
  static void indexTheDemoCorpusWithE5() throws Exception {
    dataset = DemoDataset.write(dir.resolve("beir"),
        """
        {"_id": "q1", "text": "why does the sea rise and fall twice a day"}
        {"_id": "q3", "text": "how do plants make food from sunlight"}
        {"_id": "q4", "text": "what makes bread dough rise"}
        """,
        "query-id\tcorpus-id\tscore\nq1\td001\t2\nq1\td006\t1\nq3\td043\t2\nq3\td059\t1\nq4\td021\t2\nq4\td023\t1\n");
    index = dir.resolve("index");
    CliRun indexed = CliRun.of("index", "--model", "e5-small-v2", "--input", dataset.resolve("corpus.jsonl").toString(),
        "--index", index.toString());
    assertEquals(0, indexed.exit(), indexed.toString());
  }

  @Test
  void infoShowsTwoLegsAndNoTokenBytes() {
    CliRun info = CliRun.of("info", "--index", index.toString());
    assertEquals(0, info.exit(), info.toString());
    assertTrue(info.out().contains("e5-small-v2 (hidden-state, dense 384d mean-pooled, no token vectors, sparse lexical"), info.toString());
    assertFalse(info.out().contains("colbert ("), "no late-interaction field on disk: " + info);
  }

  @Test
  void searchFusesTwoLegsAndRefusesColbert() throws Exception {
    String query = "why does the sea rise and fall";
    CliRun hybrid = CliRun.of("search", "--index", index.toString(), "--json", "--explain", "--k", "3", query);
    assertEquals(0, hybrid.exit(), hybrid.toString());
    JsonNode hits = new ObjectMapper().readTree(hybrid.out()).get("hits");
    assertEquals(3, hits.size(), hybrid.out());
    JsonNode hit = hits.get(0);
    assertTrue(hit.has("dense") && hit.has("sparse") && !hit.has("colbert"), hit.toString());
    String why = hit.get("explanation").toString();
    assertTrue(why.contains("min-max normalised over the candidates, 0.6·dense + 0.4·sparse"), why);
    assertFalse(why.contains("colbert"), why);
    CliRun named = CliRun.of("search", "--index", index.toString(), "--json", "--explain", "--k", "3", "--fusion", "normalized", query);
    assertEquals(hybrid.out(), named.out(), "naming the default method gives the default");

    CliRun colbert = CliRun.of("search", "--index", index.toString(), "--mode", "colbert", query);
    assertNotEquals(0, colbert.exit());
    assertTrue(colbert.err().contains("the index has no token vectors: its model e5-small-v2 gives a dense and a lexical leg only"),
        colbert.toString());
    CliRun threeWeights = CliRun.of("search", "--index", index.toString(), "--weights", "0.4,0.2,0.4", query);
    assertNotEquals(0, threeWeights.exit());
    assertTrue(threeWeights.err().contains("give two weights, dense,sparse"), threeWeights.toString());
    CliRun twoWeights = CliRun.of("search", "--index", index.toString(), "--json", "--weights", "0.5,0.5", query);
    assertEquals(0, twoWeights.exit(), twoWeights.toString());
  }

  /**
   * Every candidate of the default two-leg search (--k 200 returns them all) scores 0.6 × its
   * min-max normalised dense score + 0.4 × its normalised sparse score, computed here from the
   * hits' leg scores, and the hits come in that order.
   */
  @Test
  void theTwoLegFusionIsTheNormalisedWeightedSumOfDenseAndSparse() throws Exception {
    CliRun all = CliRun.of("search", "--index", index.toString(), "--json", "--k", "200", "how do plants make food");
    assertEquals(0, all.exit(), all.toString());
    JsonNode hits = new ObjectMapper().readTree(all.out()).get("hits");
    assertTrue(hits.size() >= 100, "the union of two top-100 lists: " + hits.size());
    double minDense = Double.MAX_VALUE, maxDense = -Double.MAX_VALUE, minSparse = Double.MAX_VALUE, maxSparse = -Double.MAX_VALUE;
    for (JsonNode hit : hits) {
      minDense = Math.min(minDense, hit.get("dense").asDouble());
      maxDense = Math.max(maxDense, hit.get("dense").asDouble());
      minSparse = Math.min(minSparse, hit.get("sparse").asDouble());
      maxSparse = Math.max(maxSparse, hit.get("sparse").asDouble());
    }
    double previous = Double.MAX_VALUE;
    for (JsonNode hit : hits) {
      double expected = 0.6 * (hit.get("dense").asDouble() - minDense) / (maxDense - minDense)
          + 0.4 * (hit.get("sparse").asDouble() - minSparse) / (maxSparse - minSparse);
      assertEquals(expected, hit.get("score").asDouble(), 1e-5, hit.toString());
      assertTrue(hit.get("score").asDouble() <= previous + 1e-9, "in score order: " + hit);
      previous = hit.get("score").asDouble();
    }
  }

  @Test
  void evalAndBenchRunTheTwoLegs() throws Exception {
    Path out = dir.resolve("eval");
    CliRun eval = CliRun.of("eval", "--dataset", dataset.toString(), "--index", index.toString(), "--out", out.toString(),
        "--exact", "--sweep", "--split", "all");
    assertEquals(0, eval.exit(), eval.toString());
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    for (String run : new String[] {"dense", "sparse", "hybrid", "dense-exact", "sparse-exact", "hybrid-exact"}) {
      assertTrue(metrics.get("runs").has(run), run + " in " + metrics.get("runs").fieldNames());
    }
    assertFalse(metrics.get("runs").has("colbert") || metrics.get("runs").has("colbert-exact"), metrics.get("runs").toString());
    assertFalse(Files.exists(out.resolve("colbert.run")));
    assertEquals(3 * 11, metrics.get("sweep").size(), "three methods, dense + sparse = 1 on a 0.1 grid");
    metrics.get("sweep").forEach(s -> assertEquals(0.0, s.get("weights").get(2).asDouble(), 0.0, s.toString()));
    assertTrue(metrics.get("hybridGain").get("bestLeg").asText().matches("dense|sparse"), metrics.get("hybridGain").toString());

    CliRun bench = CliRun.of("bench", "--index", index.toString(), "--queries", dataset.resolve("queries.jsonl").toString(),
        "--warmup", "2", "--repeat", "1", "--search-threads", "1");
    assertEquals(0, bench.exit(), bench.toString());
    assertTrue(bench.out().contains("| hybrid | 1 | ") && !bench.out().contains("| colbert |"), bench.toString());
    CliRun maxSim = CliRun.of("bench", "--index", index.toString(), "--queries", dataset.resolve("queries.jsonl").toString(),
        "--compare-lucene", "--compare-parts", "maxsim");
    assertNotEquals(0, maxSim.exit());
    assertTrue(maxSim.err().contains("has no token vectors (model e5-small-v2)"), maxSim.toString());
  }
}
