package dev.m3search.codecs.vectors;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ReproducibleDotProduct} with the vector API: four lane-wise accumulators (for the FMA
 * units' latency, as Lucene unrolls), added lane-wise in a fixed order, then the lanes summed by
 * {@link FixedOrderLanes} rather than by {@code reduceLanes}. Only loaded when {@link
 * VectorApi#AVAILABLE}.
 */
final class PanamaDotProduct {
  private static final VectorSpecies<Float> FLOATS = FixedOrderLanes.SPECIES;
  private static final int LANES = FLOATS.length();

  private PanamaDotProduct() {}

  static float dotProduct(float[] a, float[] b) {
    FloatVector acc0 = FloatVector.zero(FLOATS);
    FloatVector acc1 = FloatVector.zero(FLOATS);
    FloatVector acc2 = FloatVector.zero(FLOATS);
    FloatVector acc3 = FloatVector.zero(FLOATS);
    int i = 0;
    for (int unrolled = a.length - a.length % (4 * LANES); i < unrolled; i += 4 * LANES) {
      acc0 = FloatVector.fromArray(FLOATS, a, i).fma(FloatVector.fromArray(FLOATS, b, i), acc0);
      acc1 = FloatVector.fromArray(FLOATS, a, i + LANES).fma(FloatVector.fromArray(FLOATS, b, i + LANES), acc1);
      acc2 = FloatVector.fromArray(FLOATS, a, i + 2 * LANES).fma(FloatVector.fromArray(FLOATS, b, i + 2 * LANES), acc2);
      acc3 = FloatVector.fromArray(FLOATS, a, i + 3 * LANES).fma(FloatVector.fromArray(FLOATS, b, i + 3 * LANES), acc3);
    }
    for (int bound = FLOATS.loopBound(a.length); i < bound; i += LANES) {
      acc0 = FloatVector.fromArray(FLOATS, a, i).fma(FloatVector.fromArray(FLOATS, b, i), acc0);
    }
    float sum = FixedOrderLanes.sum(acc0.add(acc1).add(acc2.add(acc3)));
    return ReproducibleDotProduct.scalar(a, b, i, sum);
  }
}
