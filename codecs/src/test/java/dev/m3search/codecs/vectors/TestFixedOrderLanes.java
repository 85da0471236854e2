package dev.m3search.codecs.vectors;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.apache.lucene.tests.util.LuceneTestCase;

public class TestFixedOrderLanes extends LuceneTestCase {

  public void testSumsEveryLaneAndRepeatsItsBits() {
    assumeTrue("needs --add-modules jdk.incubator.vector", VectorApi.AVAILABLE);
    Random random = random();
    float[] lanes = new float[FixedOrderLanes.SPECIES.length()];
    double exact = 0;
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = (float) random.nextGaussian();
      exact += lanes[i];
    }
    FloatVector v = FloatVector.fromArray(FixedOrderLanes.SPECIES, lanes, 0);
    float first = FixedOrderLanes.sum(v);
    assertEquals(exact, first, 1e-5);
    for (int call = 0; call < 50_000; call++) {
      assertEquals("call " + call, Float.floatToRawIntBits(first), Float.floatToRawIntBits(FixedOrderLanes.sum(v)));
    }
  }

  public void testOtherSpeciesAreRefused() {
    assumeTrue("needs --add-modules jdk.incubator.vector", VectorApi.AVAILABLE);
    assumeTrue("needs a species other than the preferred", FixedOrderLanes.SPECIES != FloatVector.SPECIES_64);
    IllegalArgumentException e =
        expectThrows(IllegalArgumentException.class, () -> FixedOrderLanes.sum(FloatVector.zero(FloatVector.SPECIES_64)));
    assertTrue(e.getMessage(), e.getMessage().contains("lanes of"));
  }
}
