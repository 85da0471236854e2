package dev.m3search.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.index.LegScoredDocument;
import dev.m3search.eval.beir.Qrels;
import dev.m3search.query.FusionCandidate;
import dev.m3search.codecs.Leg;
import dev.m3search.query.LegScores;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FusionSweepTest {
  private static final int QUERIES = 12;

  /**
   * Dense ranks a wrong document first on every query, ColBERT another wrong one; each leg puts the
   * relevant document second (sparse third). Only a fusion of the two lifts it to the top, on every
   * query.
   */
  private static Map<String, List<LegScoredDocument>> legsThatDisagreeAboutTheWrongDocuments() {
    Map<String, List<LegScoredDocument>> byQuery = new LinkedHashMap<>();
    for (int q = 0; q < QUERIES; q++) {
      byQuery.put("q" + q, List.of(
          candidate("q" + q + "-relevant", 0.8f, 0.1f, 0.8f),
          candidate("q" + q + "-dense-wrong", 0.9f, 0.3f, 0.1f),
          candidate("q" + q + "-colbert-wrong", 0.1f, 0.2f, 0.9f)));
    }
    return byQuery;
  }

  private static LegScoredDocument candidate(String id, float dense, float sparse, float colbert) {
    return new LegScoredDocument(id, new FusionCandidate(new LegScores(dense, sparse, colbert), EnumSet.allOf(Leg.class)));
  }

  private static Qrels relevantOnly(Map<String, List<LegScoredDocument>> byQuery) {
    Map<String, Map<String, Integer>> judgments = new LinkedHashMap<>();
    byQuery.keySet().forEach(q -> judgments.put(q, Map.of(q + "-relevant", 1)));
    return new Qrels(judgments);
  }

  @Test
  void ranksByTheLowerBoundOfTheGainOverTheBestSingleLeg() {
    Map<String, List<LegScoredDocument>> candidates = legsThatDisagreeAboutTheWrongDocuments();
    List<FusionSetting> sweep = FusionSweep.run(candidates, relevantOnly(candidates), 10, List.of(Leg.values()));

    assertEquals(3 * 66, sweep.size(), "three methods, 66 weightings of the simplex at steps of 0.1");
    for (int i = 1; i < sweep.size(); i++) {
      FusionSetting previous = sweep.get(i - 1);
      FusionSetting next = sweep.get(i);
      assertTrue(previous.weighsEveryLeg(true) || next.weighsEveryLeg(true) == false, "settings that weigh every leg first");
      if (previous.weighsEveryLeg(true) == next.weighsEveryLeg(true)) {
        assertTrue(previous.gainLowerBound() >= next.gainLowerBound(), "then sorted by the lower bound");
      }
    }
    FusionSetting best = sweep.get(0);
    assertEquals(1.0, best.score(), 1e-9, "a fusion of dense and ColBERT ranks the relevant document first everywhere");
    assertEquals(1.0 - 1.0 / (Math.log(3) / Math.log(2)), best.gainLowerBound(), 1e-9,
        "each leg alone ranks it second on every query, so every resample gains the same");
    for (FusionSetting s : sweep) {
      if (s.method().equals("weighted") && (s.weights().dense() == 1 || s.weights().colbert() == 1)) {
        assertEquals(0.0, s.gainLowerBound(), 1e-9, "a single leg gains nothing over itself: " + s);
      }
      assertTrue(s.gainLowerBound() <= s.score() - 1.0 / (Math.log(3) / Math.log(2)) + 1e-9,
          "the lower bound is at most the mean gain: " + s);
    }
  }

  /**
   * Without a ColBERT leg: dense puts a wrong document first, sparse puts the relevant one second
   * behind another; the sweep tries only weights of the two legs, and a fusion of them wins.
   */
  @Test
  void anIndexWithoutTokenVectorsSweepsTwoLegs() {
    Map<String, List<LegScoredDocument>> byQuery = new LinkedHashMap<>();
    for (int q = 0; q < QUERIES; q++) {
      byQuery.put("q" + q, List.of(
          candidate("q" + q + "-relevant", 0.8f, 0.5f, 0f),
          candidate("q" + q + "-dense-wrong", 0.9f, 0.1f, 0f),
          candidate("q" + q + "-sparse-wrong", 0.1f, 0.9f, 0f)));
    }
    List<FusionSetting> sweep = FusionSweep.run(byQuery, relevantOnly(byQuery), 10, List.of(Leg.DENSE, Leg.SPARSE));
    assertEquals(3 * 11, sweep.size(), "three methods, 11 weightings of dense + sparse = 1");
    assertTrue(sweep.stream().allMatch(s -> s.weights().colbert() == 0), "ColBERT weighs nothing");
    assertTrue(sweep.get(0).weighsEveryLeg(false) && sweep.get(0).score() == 1.0, sweep.get(0).toString());
  }
}
