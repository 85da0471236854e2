package dev.m3search.codecs.lateinteraction;

/** The mean of a segment's token vectors, accumulated in double precision. */
final class Centroid {
  private final double[] sum;
  private long count;

  Centroid(int dimension) {
    sum = new double[dimension];
  }

  void add(float[][] tokens) {
    for (float[] token : tokens) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += token[i];
      }
    }
    count += tokens.length;
  }

  float[] mean() {
    float[] mean = new float[sum.length];
    for (int i = 0; i < mean.length && count > 0; i++) {
      mean[i] = (float) (sum[i] / count);
    }
    return mean;
  }
}
