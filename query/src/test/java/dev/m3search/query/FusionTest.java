package dev.m3search.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FusionTest {
  private static final List<LegScores> CANDIDATES =
      List.of(new LegScores(0.8f, 10f, 0.6f), new LegScores(0.6f, 20f, 0.7f), new LegScores(0.7f, 0f, 0.5f));

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
  void reciprocalRankGivesTiesTheOrderOfTheList() {
    List<LegScores> tied = List.of(new LegScores(0.5f, 1f, 0f), new LegScores(0.5f, 2f, 0f));
    float[] fused = new Fusion.ReciprocalRank(new LegWeights(1, 1, 0), 60).fuse(tied);
    // dense tie: first listed gets rank 1; sparse: second has rank 1
    assertArrayEquals(new float[] {1f / 61 + 1f / 62, 1f / 62 + 1f / 61}, fused, 1e-7f);
  }

  @Test
  void namesAndWeightsParse() {
    assertEquals(new Fusion.ReciprocalRank(LegWeights.BGE_M3, 60), Fusion.of("RRF", LegWeights.BGE_M3));
    assertEquals(new LegWeights(1, 0, 0.5f), LegWeights.parse("1, 0, 0.5"));
    assertThrows(IllegalArgumentException.class, () -> LegWeights.parse("1,2"));
    assertThrows(IllegalArgumentException.class, () -> LegWeights.parse("0,0,0"));
    assertThrows(IllegalArgumentException.class, () -> Fusion.of("max", LegWeights.BGE_M3));
  }
}
