package dev.m3search.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.eval.metrics.RunMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HybridGainTest {
  private static RunMetrics run(double... perQuery) {
    Map<String, Map<String, Double>> values = new LinkedHashMap<>();
    double sum = 0;
    for (int q = 0; q < perQuery.length; q++) {
      values.put("q" + q, Map.of("ndcg@10", perQuery[q]));
      sum += perQuery[q];
    }
    return new RunMetrics(values, Map.of("ndcg@10", sum / perQuery.length));
  }

  @Test
  void comparesWithTheLegOfTheHighestMeanQueryByQuery() {
    Map<String, RunMetrics> metrics = new LinkedHashMap<>();
    metrics.put("dense", run(0.5, 0.5, 0.5, 0.5));
    metrics.put("sparse", run(0.1, 0.1, 0.1, 0.1));
    metrics.put("colbert", run(0.2, 0.9, 0.2, 0.9));
    metrics.put("hybrid", run(0.3, 1.0, 0.3, 1.0));

    HybridGain gain = HybridGain.of(metrics);
    assertEquals("colbert", gain.bestLeg());
    assertEquals(0.1, gain.mean(), 1e-9);
    assertEquals(0.1, gain.low(), 1e-9, "the same gain on every query: no resample differs");
    assertEquals(0.1, gain.high(), 1e-9);
    assertTrue(gain.describe().contains("(colbert): +0.1000 ndcg@10"), gain.describe());
  }

  @Test
  void intervalSpansZeroWhenTheGainIsOneQuery() {
    Map<String, RunMetrics> metrics = new LinkedHashMap<>();
    metrics.put("dense", run(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5));
    metrics.put("sparse", run(0, 0, 0, 0, 0, 0, 0, 0));
    metrics.put("colbert", run(0, 0, 0, 0, 0, 0, 0, 0));
    metrics.put("hybrid", run(0.9, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45));

    HybridGain gain = HybridGain.of(metrics);
    assertEquals("dense", gain.bestLeg());
    assertEquals(0.4 / 8 - 0.05 * 7 / 8, gain.mean(), 1e-9);
    assertTrue(gain.low() < 0 && gain.high() > 0, gain.describe());
  }

  @Test
  void noGainWithoutTheRuns() {
    assertNull(HybridGain.of(Map.of("dense", run(0.5))));
  }
}
