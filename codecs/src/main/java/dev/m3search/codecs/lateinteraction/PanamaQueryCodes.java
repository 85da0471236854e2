package dev.m3search.codecs.lateinteraction;

import dev.m3search.codecs.vectors.FixedOrderLanes;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link QueryCodes#of} with the Panama vector API: a query token is quantised once per segment
 * for every query, and the JIT leaves the scalar loops' minimum, maximum and float-to-byte
 * conversion unvectorised (0.7 µs a 384-dimension token). Only loaded when {@link
 * BitPlanes#VECTORIZED}.
 */
final class PanamaQueryCodes {
  private static final VectorSpecies<Float> FLOATS = FixedOrderLanes.SPECIES;
  /** As many byte lanes as {@link #FLOATS} has float lanes. */
  private static final VectorSpecies<Byte> BYTES =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(FLOATS.vectorBitSize() / 4));

  private PanamaQueryCodes() {}

  static QueryCodes of(float[] vector, float[] origin, int bits, int length) {
    int n = vector.length;
    float[] residual = new float[n];
    int bound = FLOATS.loopBound(n);
    FloatVector lows = FloatVector.broadcast(FLOATS, Float.POSITIVE_INFINITY);
    FloatVector highs = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
    FloatVector sums = FloatVector.zero(FLOATS);
    FloatVector squares = FloatVector.zero(FLOATS);
    int i = 0;
    for (; i < bound; i += FLOATS.length()) {
      FloatVector r = FloatVector.fromArray(FLOATS, vector, i).sub(FloatVector.fromArray(FLOATS, origin, i));
      r.intoArray(residual, i);
      lows = lows.min(r);
      highs = highs.max(r);
      sums = sums.add(r);
      squares = r.fma(r, squares);
    }
    QueryCodes.Moments moments = new QueryCodes.Moments(
            lows.reduceLanes(VectorOperators.MIN),
            highs.reduceLanes(VectorOperators.MAX),
            FixedOrderLanes.sum(sums), // not reduceLanes(ADD), whose rounding may change between calls
            FixedOrderLanes.sum(squares))
        .accumulate(vector, origin, residual, i);
    QueryCodes.Interval interval = moments.interval(bits, n);
    byte[] codes = new byte[length];
    if (interval.width() > 0) {
      float lower = interval.lower();
      float upper = interval.upper();
      float inverse = 1f / interval.width();
      for (i = 0; i < bound; i += FLOATS.length()) {
        FloatVector scaled = FloatVector.fromArray(FLOATS, residual, i).max(lower).min(upper).sub(lower).mul(inverse).add(0.5f);
        ((ByteVector) scaled.convertShape(VectorOperators.F2B, BYTES, 0)).intoArray(codes, i); // ≥ 0: truncation rounds
      }
    }
    QueryCodes.encode(residual, interval, codes, bound);
    return new QueryCodes(codes, interval.lower(), interval.width(), moments.sum());
  }
}
