package dev.m3search.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EstimateErrorTest {
  @Test
  void theMeanAndTheLargestDeviationOfExactMinusEstimate() {
    EstimateError error = new EstimateError();
    assertEquals(0f, error.mean());
    for (int i = 0; i < 40; i++) {
      error.add(1f + (i % 2 == 0 ? 0.1f : -0.1f), 1.5f); // differences −0.4 and −0.6
    }
    assertEquals(-0.5f, error.mean(), 1e-6f);
    assertEquals(0.1f, error.spread(), 1e-6f);
  }

  @Test
  void anEstimateMayReachTheTopWhenItsBoundReachesTheTenthBestExactScore() {
    int n = 15;
    float[] bounds = new float[n];
    boolean[] estimated = new boolean[n];
    for (int i = 0; i < 12; i++) {
      bounds[i] = 1f + i; // exact: 1 … 12, the tenth best is 3
    }
    bounds[12] = 3f;
    bounds[13] = 2.99f;
    bounds[14] = 40f;
    estimated[12] = estimated[13] = estimated[14] = true;
    assertArrayEquals(new int[] {12, 14}, EstimateError.mayReachTheTop(bounds, estimated));
  }

  @Test
  void fewerExactScoresThanAFirstPageProtectNothing() {
    float[] bounds = {5f, 4f, 100f};
    boolean[] estimated = {false, false, true};
    assertArrayEquals(new int[0], EstimateError.mayReachTheTop(bounds, estimated));
  }
}
