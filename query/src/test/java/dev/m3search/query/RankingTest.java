package dev.m3search.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RankingTest {
  @Test
  void equalScoresAreSetApartInTheOrderOfColbertDenseSparse() {
    int[] docs = {3, 5, 8, 9};
    float[] scores = {0.5f, 0.5f, 0.5f, 0.4f};
    LegScores[] legs = {new LegScores(0.1f, 1, 0.2f), new LegScores(0.9f, 1, 0.3f), new LegScores(0.2f, 1, 0.2f), null};
    float[] separated = separated(docs, scores, legs);
    // doc 5 has the best ColBERT score; doc 8 beats doc 3 on dense
    assertEquals(0.5f, separated[1]);
    assertEquals(Math.nextDown(0.5f), separated[2]);
    assertEquals(Math.nextDown(Math.nextDown(0.5f)), separated[0]);
    assertEquals(0.4f, separated[3], "a score below the tie keeps its value");
  }

  @Test
  void documentsEqualOnEveryLegKeepEqualScoresForTheCollectorsDocIdOrder() {
    int[] docs = {1, 2, 7};
    float[] scores = {0.5f, 0.5f, 0.5f};
    LegScores same = new LegScores(0.3f, 0.2f, 0.1f);
    float[] separated = separated(docs, scores, new LegScores[] {same, new LegScores(0.3f, 0.2f, 0.1f), new LegScores(0.3f, 0.2f, 0.9f)});
    assertArrayEquals(new float[] {Math.nextDown(0.5f), Math.nextDown(0.5f), 0.5f}, separated);
  }

  @Test
  void aCascadeOfTiesPushesTheScoresBelowDownToo() {
    float one = 0.5f;
    float below = Math.nextDown(one);
    int[] docs = {0, 1, 2};
    float[] scores = {one, one, below};
    LegScores[] legs = {new LegScores(0, 0, 0.2f), new LegScores(0, 0, 0.1f), new LegScores(0, 0, 0.3f)};
    float[] separated = separated(docs, scores, legs);
    assertArrayEquals(new float[] {one, below, Math.nextDown(below)}, separated, "strictly decreasing, in ranking order");
  }

  @Test
  void onlyScoresSharedWithAnotherAreTied() {
    assertArrayEquals(new boolean[] {true, false, true, false}, tied(new float[] {0.5f, 0.4f, 0.5f, 0.3f}));
  }

  @Test
  void reorderingAfterSmallChangesIsTheOrderOfTheChangedScores() {
    java.util.Random random = new java.util.Random(20261201);
    for (int trial = 0; trial < 200; trial++) {
      float[] scores = new float[1 + random.nextInt(120)];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = random.nextInt(4) == 0 ? 0.25f * random.nextInt(3) : random.nextFloat(); // some ties
      }
      int[] order = Ranking.byScore(scores);
      float[] changed = scores.clone();
      for (int i = 0; i < changed.length; i++) {
        int ulps = random.nextInt(3) - 1;
        changed[i] = ulps < 0 ? Math.nextDown(changed[i]) : ulps > 0 ? Math.nextUp(changed[i]) : changed[i];
      }
      Ranking.reorder(order, changed);
      assertArrayEquals(Ranking.byScore(changed), order);
    }
  }

  private static float[] separated(int[] docs, float[] scores, LegScores[] legs) {
    return Ranking.separated(docs, scores, legs, Ranking.FUSED_TIE_ORDER, Ranking.byScore(scores));
  }

  private static boolean[] tied(float[] scores) {
    return Ranking.tied(scores, Ranking.byScore(scores));
  }
}
