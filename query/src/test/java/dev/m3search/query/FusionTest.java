package dev.m3search.query;

import dev.m3search.codecs.Leg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.search.Explanation;
import org.junit.jupiter.api.Test;

class FusionTest {
  private static final Set<Leg> ALL = EnumSet.allOf(Leg.class);
  private static final List<FusionCandidate> CANDIDATES =
      List.of(
          new FusionCandidate(new LegScores(0.8f, 10f, 0.6f), ALL),
          new FusionCandidate(new LegScores(0.6f, 20f, 0.7f), ALL),
          new FusionCandidate(new LegScores(0.7f, 0f, 0.5f), ALL));

  @Test
  void namingTheDefaultMethodGivesTheDefaultInEveryLanguage() {
    for (boolean knows : new boolean[] {true, false}) {
      Fusion chosen = DefaultFusion.of(SparseKind.LEXICAL, knows);
      assertEquals(chosen, DefaultFusion.of(SparseKind.LEXICAL, knows, chosen.name()));
      assertEquals(chosen, DefaultFusion.of(SparseKind.LEXICAL, knows, null));
    }
    assertEquals(DefaultFusion.LEARNED, DefaultFusion.of(SparseKind.LEARNED, false), "learned weights read every language");
    // in a language the model does not know, no named method hands the order to the model's legs
    assertEquals(new Fusion.NormalizedWeightedSum(new LegWeights(0.0f, 0.9f, 0.1f)),
        DefaultFusion.of(SparseKind.LEXICAL, false, "normalized"));
  }

  @Test
  void weightedSumIsBgeM3ComputeScore() {
    float[] fused = new Fusion.WeightedSum(LegWeights.BGE_M3).fuse(CANDIDATES);
    assertArrayEquals(new float[] {0.32f + 2f + 0.24f, 0.24f + 4f + 0.28f, 0.28f + 0f + 0.2f}, fused, 1e-5f);
    float[] halves = new Fusion.WeightedSum(new LegWeights(1, 0, 1)).fuse(CANDIDATES);
    assertEquals((0.8f + 0.6f) / 2, halves[0], 1e-6f, "divided by the sum of the weights");
  }

  @Test
  void normalizedWeightedSumScalesEachLegToZeroOne() {
    float[] fused = new Fusion.NormalizedWeightedSum(new LegWeights(1, 1, 0)).fuse(CANDIDATES);
    // dense: (0.8-0.6)/0.2 = 1, 0, 0.5 ; sparse: 0.5, 1, 0 ; each weight 1/2
    assertArrayEquals(new float[] {0.75f, 0.5f, 0.25f}, fused, 1e-5f);
  }

  @Test
  void reciprocalRankTiesShareTheBetterRank() {
    List<FusionCandidate> tied =
        List.of(
            new FusionCandidate(new LegScores(0.5f, 1f, 0f), ALL),
            new FusionCandidate(new LegScores(0.5f, 2f, 0f), ALL),
            new FusionCandidate(new LegScores(0.4f, 3f, 0f), ALL));
    float[] fused = new Fusion.ReciprocalRank(new LegWeights(1, 1, 0), 60).fuse(tied);
    // dense: 0.5, 0.5 share rank 1, then 0.4 is rank 3 (competition ranking); sparse: 3, 2, 1
    assertArrayEquals(new float[] {1f / 61 + 1f / 63, 1f / 61 + 1f / 62, 1f / 63 + 1f / 61}, fused, 1e-7f);
  }

  @Test
  void reciprocalRankCountsALegOnlyForTheDocumentsItRetrieved() {
    List<FusionCandidate> candidates =
        List.of(
            new FusionCandidate(new LegScores(0.9f, 0f, 0.5f), EnumSet.of(Leg.DENSE, Leg.COLBERT)),
            // retrieved by sparse only: its (exact) dense score is the best, but dense did not retrieve it
            new FusionCandidate(new LegScores(0.95f, 4f, 0.4f), EnumSet.of(Leg.SPARSE)),
            new FusionCandidate(new LegScores(0.8f, 2f, 0.6f), ALL));
    float[] fused = new Fusion.ReciprocalRank(new LegWeights(1, 1, 1), 60).fuse(candidates);
    assertArrayEquals(
        new float[] {1f / 61 + 1f / 62, 1f / 61, 1f / 62 + 1f / 62 + 1f / 61}, fused, 1e-7f);
    Explanation why = new Fusion.ReciprocalRank(new LegWeights(1, 1, 1), 60).explain(candidates, 1);
    assertEquals(fused[1], why.getValue().floatValue(), 1e-7f);
    assertFalse(why.getDetails()[0].isMatch(), "dense did not retrieve it: " + why);
    assertTrue(why.getDetails()[0].getDescription().contains("score 0.95"), why.toString());
    assertTrue(why.getDetails()[1].getDescription().contains("rank 1"), why.toString());
  }

  /** Fused scores are a function of each candidate's leg scores and retrieving legs: input order (and so doc ids) changes nothing. */
  @Test
  void everyFusionIsInvariantUnderPermutedCandidates() {
    Random random = new Random(7);
    List<FusionCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Set<Leg> by = EnumSet.noneOf(Leg.class);
      for (Leg leg : Leg.values()) {
        if (random.nextInt(3) > 0) {
          by.add(leg);
        }
      }
      // coarse scores, so that ties are common
      candidates.add(new FusionCandidate(
          new LegScores(random.nextInt(20) / 20f, random.nextInt(10), random.nextInt(15) / 15f), by.isEmpty() ? ALL : by));
    }
    LegWeights weights = new LegWeights(0.3f, 0.2f, 0.5f);
    for (Fusion fusion : List.of(new Fusion.WeightedSum(weights), new Fusion.NormalizedWeightedSum(weights), new Fusion.ReciprocalRank(weights, 60))) {
      float[] fused = fusion.fuse(candidates);
      for (int round = 0; round < 5; round++) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
          order.add(i);
        }
        Collections.shuffle(order, random);
        float[] permuted = fusion.fuse(order.stream().map(candidates::get).toList());
        for (int i = 0; i < order.size(); i++) {
          assertEquals(fused[order.get(i)], permuted[i], 0f, fusion.describe());
        }
      }
    }
  }

  @Test
  void namesAndWeightsParse() {
    assertEquals(new Fusion.ReciprocalRank(LegWeights.BGE_M3, 60), Fusion.of("RRF", LegWeights.BGE_M3));
    assertEquals(new LegWeights(1, 0, 0.5f), LegWeights.parse("1, 0, 0.5"));
    assertEquals(new LegWeights(0.7f, 0.3f, 0), LegWeights.parse("0.7,0.3"), "two legs: no ColBERT part");
    assertThrows(IllegalArgumentException.class, () -> LegWeights.parse("1"));
    assertThrows(IllegalArgumentException.class, () -> LegWeights.parse("1,2,3,4"));
    assertThrows(IllegalArgumentException.class, () -> LegWeights.parse("0,0,0"));
    assertThrows(IllegalArgumentException.class, () -> Fusion.of("max", LegWeights.BGE_M3));
    assertEquals("weighted sum (BGE-M3) 0.7·dense + 0.3·sparse", Fusion.of("weighted", LegWeights.parse("0.7,0.3")).describe(),
        "a leg without weight is left out");
    assertThrows(IllegalArgumentException.class, () -> new Fusion.ReciprocalRank(LegWeights.BGE_M3, 0));
  }
}
