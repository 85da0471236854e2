package dev.m3search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaxSimTest {
  @Test
  void meanOverQueryTokensOfTheBestDocumentToken() {
    float[][] query = {{1, 0}, {0, 1}};
    float[][] doc = {{0.6f, 0.8f}, {1, 0}, {-1, 0}};
    // token 1: max(0.6, 1, -1) = 1 ; token 2: max(0.8, 0, 0) = 0.8
    assertEquals(0.9f, MaxSim.score(query, doc), 1e-6f);
  }

  @Test
  void emptySidesScoreZero() {
    assertEquals(0f, MaxSim.score(new float[0][], new float[][] {{1}}));
    assertEquals(0f, MaxSim.score(new float[][] {{1}}, new float[0][]));
  }
}
