package dev.m3search.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval} and {@code bench} end to end on a small BEIR dataset built from the demo corpus. */
class EvalAndBenchCommandTest {
  @TempDir static Path dir;
  static Path dataset;
  static Path index;

  @BeforeAll
  static void buildDatasetAndIndex() throws Exception {
    dataset = DemoDataset.write(dir.resolve("beir"),
        """
        {"_id": "q1", "text": "why does the sea rise and fall twice a day"}
        {"_id": "q2", "text": "HTTP 404"}
        {"_id": "q3", "text": "how do plants make food from sunlight"}
        {"_id": "q4", "text": "what makes bread dough rise"}
        {"_id": "unjudged", "text": "not in the qrels"}
        """,
        "query-id\tcorpus-id\tscore\nq1\td001\t2\nq1\td006\t1\nq2\td061\t2\nq3\td043\t2\nq3\td059\t1\nq4\td021\t2\nq4\td023\t1\n");
    index = dir.resolve("index");
    CliRun indexed = CliRun.of("index", "--input", dataset.resolve("corpus.jsonl").toString(), "--index", index.toString());
    assertEquals(0, indexed.exit(), indexed.toString());
  }

  @Test
  void evalWritesRunsMetricsReportAndReadablePlots() throws Exception {
    Path out = dir.resolve("eval");
    CliRun run =
        CliRun.of("eval", "--dataset", dataset.toString(), "--index", index.toString(), "--out", out.toString(), "--exact", "--sweep", "--split", "all");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("best fusion:"), run.toString());
    assertTrue(run.out().contains("hybrid against the best single leg ("), run.toString());

    for (String name : List.of("dense", "sparse", "colbert", "hybrid")) {
      for (String file : List.of(name + ".run", name + "-exact.run")) {
        List<String> lines = Files.readAllLines(out.resolve(file));
        assertTrue(lines.get(0).matches("q1 Q0 d\\d{3} 1 -?\\d+\\.\\d{6} " + file.replace(".run", "")), file + ": " + lines.get(0));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("unjudged ")), "only judged queries are run");
      }
    }

    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals(4, metrics.get("queries").asInt());
    for (String name : List.of("dense", "sparse", "colbert", "hybrid", "dense-exact", "hybrid-exact")) {
      double ndcg = metrics.get("runs").get(name).get("ndcg@10").asDouble();
      assertTrue(ndcg > 0.5 && ndcg <= 1.0, name + " nDCG@10 " + ndcg);
    }
    assertEquals(
        metrics.get("runs").get("dense").get("ndcg@10").asDouble(),
        metrics.get("runs").get("dense-exact").get("ndcg@10").asDouble(),
        1e-9,
        "200 documents: HNSW finds the exact neighbours");
    assertTrue(metrics.get("sweep").size() > 0);
    assertTrue(metrics.get("sweep").get(0).has("gainLowerBound"));
    assertTrue(metrics.get("hybridGain").get("low").asDouble() <= metrics.get("hybridGain").get("high").asDouble());
    assertEquals(1.0, metrics.get("overlapWithExact").get("dense").get("top-10").asDouble(), 1e-9);

    String report = Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8);
    assertTrue(report.contains("| run | ndcg@10 | recall@10 | recall@100 | mrr@10 | map |"), report);
    assertTrue(report.contains("| dense-exact | "), report);
    assertTrue(report.contains("![quality per run](metrics.png)"), report);
    assertTrue(report.contains("![recall against k](recall-at-k.png)"), report);
    assertTrue(report.contains("## Fusion sweep"), report);
    for (String plot : List.of("metrics.png", "recall-at-k.png")) {
      BufferedImage image = ImageIO.read(out.resolve(plot).toFile());
      assertEquals(1000, image.getWidth(), plot);
      assertEquals(560, image.getHeight(), plot);
      assertTrue(distinctColours(image) > 8, plot + " draws more than a blank canvas");
    }
  }

  @Test
  void benchPrintsLatencyPercentilesQpsAndRecallAgainstExact() throws Exception {
    Path out = dir.resolve("bench");
    CliRun run =
        CliRun.of(
            "bench", "--index", index.toString(), "--queries", dataset.resolve("queries.jsonl").toString(),
            "--warmup", "2", "--repeat", "1", "--search-threads", "2", "--out", out.toString());
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("query encoding (apart from search): p50 "), run.toString());
    for (String mode : List.of("dense", "sparse", "colbert", "hybrid")) {
      assertTrue(run.out().matches("(?s).*\\| " + mode + " \\| 1 \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| [01]\\.\\d{4} \\|.*"), mode + "\n" + run);
      assertTrue(run.out().contains("| " + mode + " | 2 | "), mode + "\n" + run);
    }
    JsonNode bench = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
    assertEquals(5, bench.get("queries").asInt());
    assertEquals(1.0, bench.get("recallAgainstExact").get("dense").asDouble(), 1e-9);
    assertTrue(bench.get("search").get("hybrid").get("2").get("qps").asDouble() > 0);
    assertTrue(Files.readString(out.resolve("bench.md")).contains("| mode | threads | p50 ms | p95 ms | p99 ms |"));
  }

  /** Problem 10: like BEIR and MTEB, {@code eval} reports every judged query of qrels/test.tsv unless told otherwise. */
  @Test
  void evalByDefaultReportsEveryJudgedTestQuery() throws Exception {
    Path out = dir.resolve("eval-default");
    CliRun run = CliRun.of("eval", "--dataset", dataset.toString(), "--index", index.toString(), "--out", out.toString());
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().startsWith("split 4 judged queries of qrels/test.tsv (all of them"), run.toString());
    assertEquals(4, new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("queries").asInt());
  }

  /** Problem 8: naming the default fusion method, without weights, gives the default results. */
  @Test
  void namingTheDefaultFusionGivesTheDefaultResults() throws Exception {
    String query = "why does the sea rise and fall";
    CliRun byDefault = CliRun.of("search", "--index", index.toString(), "--json", "--k", "20", query);
    CliRun named = CliRun.of("search", "--index", index.toString(), "--json", "--k", "20", "--fusion", "normalized", query);
    assertEquals(0, byDefault.exit(), byDefault.toString());
    assertEquals(byDefault.out(), named.out());
    CliRun weighted = CliRun.of("search", "--index", index.toString(), "--json", "--k", "20", "--fusion", "weighted", query);
    assertTrue(!weighted.out().equals(byDefault.out()), "another method ranks otherwise");
  }

  private static int distinctColours(BufferedImage image) {
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int x = 0; x < image.getWidth(); x += 7) {
      for (int y = 0; y < image.getHeight(); y += 7) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
