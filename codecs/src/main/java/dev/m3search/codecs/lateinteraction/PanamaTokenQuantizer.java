package dev.m3search.codecs.lateinteraction;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TokenQuantizer}'s lanes as 256-bit vectors: the same operations in the same order, so the
 * same bits, at about a tenth of the time of Lucene's quantiser on a 384-dimension token (1.3 µs
 * against 10–15 µs, AMD EPYC). 256 bits on AVX-512 too, as wider lanes would round the sums
 * differently. Only loaded when {@link BitPlanes#VECTORIZED}.
 */
final class PanamaTokenQuantizer extends TokenQuantizer {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;

  PanamaTokenQuantizer(int dimension) {
    super(dimension);
    assert FLOATS.length() == LANES;
  }

  /** Whether this JVM runs 256-bit vectors natively (not on a 128-bit machine, which would emulate them slowly). */
  static boolean runs() {
    return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= FLOATS.vectorBitSize();
  }

  @Override
  void momentLanes(float[] vector, float[] centroid) {
    FloatVector dots = FloatVector.zero(FLOATS);
    FloatVector sums = FloatVector.zero(FLOATS);
    FloatVector squares = FloatVector.zero(FLOATS);
    FloatVector lows = FloatVector.broadcast(FLOATS, Float.POSITIVE_INFINITY);
    FloatVector highs = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < bound; i += LANES) {
      FloatVector x = FloatVector.fromArray(FLOATS, vector, i);
      FloatVector c = FloatVector.fromArray(FLOATS, centroid, i);
      FloatVector r = x.sub(c);
      r.intoArray(residual, i);
      dots = x.fma(c, dots);
      sums = sums.add(r);
      squares = r.fma(r, squares);
      lows = lows.min(r);
      highs = highs.max(r);
    }
    dots.intoArray(lanes, 0);
    sums.intoArray(lanes, LANES);
    squares.intoArray(lanes, 2 * LANES);
    lowest = lows.reduceLanes(VectorOperators.MIN); // exact in any order
    highest = highs.reduceLanes(VectorOperators.MAX);
  }

  @Override
  void passLanes(float a, float b, float step, float stepInv, float topInv) {
    FloatVector along = FloatVector.zero(FLOATS);
    FloatVector error = FloatVector.zero(FLOATS);
    FloatVector vaa = FloatVector.zero(FLOATS);
    FloatVector vab = FloatVector.zero(FLOATS);
    FloatVector vbb = FloatVector.zero(FLOATS);
    FloatVector vax = FloatVector.zero(FLOATS);
    FloatVector vbx = FloatVector.zero(FLOATS);
    for (int i = 0; i < bound; i += LANES) {
      FloatVector r = FloatVector.fromArray(FLOATS, residual, i);
      // truncated to an integer, as (float) (int) x: lanes here are ≥ 0, so this rounds the half
      // added; inline, as a vector passed to a call C2 does not inline is boxed
      IntVector integers = (IntVector) r.max(a).min(b).sub(a).mul(stepInv).add(0.5f).convertShape(VectorOperators.F2I, INTS, 0);
      FloatVector k = (FloatVector) integers.convertShape(VectorOperators.I2F, FLOATS, 0);
      FloatVector miss = r.sub(k.fma(step, a));
      FloatVector s = k.mul(topInv);
      FloatVector t = s.neg().add(1f);
      along = r.fma(miss, along);
      error = miss.fma(miss, error);
      vaa = t.fma(t, vaa);
      vab = t.fma(s, vab);
      vbb = s.fma(s, vbb);
      vax = r.fma(t, vax);
      vbx = r.fma(s, vbx);
    }
    along.intoArray(lanes, 0);
    error.intoArray(lanes, LANES);
    vaa.intoArray(lanes, 2 * LANES);
    vab.intoArray(lanes, 3 * LANES);
    vbb.intoArray(lanes, 4 * LANES);
    vax.intoArray(lanes, 5 * LANES);
    vbx.intoArray(lanes, 6 * LANES);
  }

  @Override
  int encodeLanes(float a, float b, float step, byte[] codes) {
    IntVector total = IntVector.zero(INTS);
    for (int i = 0; i < bound; i += LANES) {
      FloatVector scaled = FloatVector.fromArray(FLOATS, residual, i).max(a).min(b).sub(a).div(step).add(0.5f);
      IntVector code = (IntVector) scaled.convertShape(VectorOperators.F2I, INTS, 0);
      total = total.add(code);
      ((ByteVector) code.convertShape(VectorOperators.I2B, BYTES, 0)).intoArray(codes, i);
    }
    return total.reduceLanes(VectorOperators.ADD); // integers: exact in any order
  }
}
