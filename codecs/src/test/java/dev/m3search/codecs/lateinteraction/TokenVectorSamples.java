package dev.m3search.codecs.lateinteraction;

import java.util.Random;
import org.apache.lucene.util.VectorUtil;

/** Token vectors that look like a model's: unit length, clustered around a few directions. */
final class TokenVectorSamples {
  private TokenVectorSamples() {}

  static float[][] centres(Random random, int count, int dimension) {
    float[][] centres = new float[count][dimension];
    for (float[] c : centres) {
      for (int i = 0; i < dimension; i++) {
        c[i] = (float) random.nextGaussian();
      }
      VectorUtil.l2normalize(c);
    }
    return centres;
  }

  static float[][] tokens(Random random, float[][] centres, int count) {
    int dimension = centres[0].length;
    float[][] tokens = new float[count][dimension];
    for (float[] t : tokens) {
      float[] c = centres[random.nextInt(centres.length)];
      for (int i = 0; i < dimension; i++) {
        t[i] = c[i] + 0.6f * (float) random.nextGaussian() / (float) Math.sqrt(dimension);
      }
      VectorUtil.l2normalize(t);
    }
    return tokens;
  }
}
