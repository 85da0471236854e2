package dev.m3search.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.m3search.eval.beir.Qrels;
import dev.m3search.eval.trec.RankedDoc;
import dev.m3search.eval.trec.TrecRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expectations computed by hand with trec_eval's definitions. */
class MetricTest {
  /** Graded labels; c is judged non-relevant. */
  private static final Map<String, Integer> LABELS = Map.of("a", 2, "b", 1, "c", 0, "d", 3);

  /** x is unjudged; a and b tie, so trec_eval puts b (larger id) first: x, b, a, d, c. */
  private static List<RankedDoc> ranking() {
    TrecRun run = new TrecRun("t");
    run.put(
        "q",
        List.of(
            new RankedDoc("a", 0.8), new RankedDoc("c", 0.4), new RankedDoc("x", 0.9), new RankedDoc("d", 0.5), new RankedDoc("b", 0.8)));
    return run.ranking("q");
  }

  @Test
  void tiesAreBrokenByDocumentIdDescending() {
    assertEquals(List.of("x", "b", "a", "d", "c"), ranking().stream().map(RankedDoc::docId).toList());
  }

  @Test
  void ndcgUsesLinearGainsAndTheIdealOverAllJudgedDocuments() {
    double idcg3 = 3 + 2 / log2(3) + 1 / log2(4);
    assertEquals((1 / log2(3) + 2 / log2(4)) / idcg3, new Metric.Ndcg(3).score(ranking(), LABELS), 1e-12);
    assertEquals(0.342499, new Metric.Ndcg(3).score(ranking(), LABELS), 1e-6);
    double dcg10 = 1 / log2(3) + 2 / log2(4) + 3 / log2(5);
    assertEquals(dcg10 / idcg3, new Metric.Ndcg(10).score(ranking(), LABELS), 1e-12);
    assertEquals(0, new Metric.Ndcg(10).score(ranking(), Map.of("c", 0)), "no relevant document: 0");
  }

  @Test
  void recallMrrAndAveragePrecision() {
    assertEquals(1.0 / 3, new Metric.Recall(2).score(ranking(), LABELS), 1e-12);
    assertEquals(1.0, new Metric.Recall(10).score(ranking(), LABELS), 1e-12);
    assertEquals(0.5, new Metric.Mrr(10).score(ranking(), LABELS), 1e-12);
    assertEquals(0, new Metric.Mrr(1).score(ranking(), LABELS), 1e-12);
    assertEquals((1.0 / 2 + 2.0 / 3 + 3.0 / 4) / 3, new Metric.AveragePrecision().score(ranking(), LABELS), 1e-12);
  }

  @Test
  void meansAreOverJudgedQueriesInTheRun() {
    TrecRun run = new TrecRun("t");
    run.put("q1", List.of(new RankedDoc("a", 1)));
    run.put("q2", List.of(new RankedDoc("z", 1)));
    run.put("unjudged", List.of(new RankedDoc("a", 1)));
    Qrels qrels = new Qrels(Map.of("q1", Map.of("a", 1), "q2", Map.of("y", 2), "q3", Map.of("a", 1)));
    RunMetrics metrics = RunMetrics.of(run, qrels, List.of(new Metric.Mrr(10), Metric.parse("ndcg@10")));
    assertEquals(2, metrics.perQuery().size(), "q3 is not in the run, 'unjudged' has no labels");
    assertEquals(0.5, metrics.mean("mrr@10"), 1e-12);
    assertEquals(0.5, metrics.mean("ndcg@10"), 1e-12);
  }

  @Test
  void metricNamesParse() {
    assertEquals(new Metric.Ndcg(10), Metric.parse("nDCG@10"));
    assertEquals(new Metric.Recall(100), Metric.parse("recall@100"));
    assertEquals(new Metric.AveragePrecision(), Metric.parse("map"));
    assertThrows(IllegalArgumentException.class, () -> Metric.parse("p@5"));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
