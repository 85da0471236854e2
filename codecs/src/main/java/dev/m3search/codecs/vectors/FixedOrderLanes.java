package dev.m3search.codecs.vectors;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of a float vector's lanes in an order fixed once for all, where {@code
 * reduceLanes(ADD)} may choose another order from one call to the next: a tree of lane-wise adds,
 * each lane plus the lane half, a quarter, … of the width away. Only for vectors of {@link
 * #SPECIES}; only loaded when {@link VectorApi#AVAILABLE}.
 */
public final class FixedOrderLanes {
  public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  /** Step {@code s} pairs lane {@code i} with lane {@code i ^ (lanes >> (s + 1))}. */
  private static final VectorShuffle<Float>[] FOLDS = folds();

  private FixedOrderLanes() {}

  public static float sum(FloatVector v) {
    if (v.species() != SPECIES) {
      throw new IllegalArgumentException("lanes of " + v.species() + ", not " + SPECIES);
    }
    for (VectorShuffle<Float> fold : FOLDS) {
      v = v.add(v.rearrange(fold));
    }
    return v.lane(0);
  }

  @SuppressWarnings("unchecked")
  private static VectorShuffle<Float>[] folds() {
    int lanes = SPECIES.length();
    VectorShuffle<Float>[] folds = new VectorShuffle[Integer.numberOfTrailingZeros(lanes)];
    for (int s = 0; s < folds.length; s++) {
      int distance = lanes >> (s + 1);
      folds[s] = VectorShuffle.fromOp(SPECIES, lane -> lane ^ distance);
    }
    return folds;
  }
}
