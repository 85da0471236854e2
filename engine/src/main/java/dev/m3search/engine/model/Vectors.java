package dev.m3search.engine.model;

import java.nio.FloatBuffer;

/** Reads rows out of flat ONNX output buffers, L2-normalised. */
final class Vectors {
  /** {@code torch.nn.functional.normalize}'s epsilon: a zero vector stays zero. */
  private static final double EPSILON = 1e-12;

  private Vectors() {}

  /** {@code dim} floats at {@code offset}, divided by their L2 norm. */
  static float[] normalizedRow(FloatBuffer buffer, int offset, int dim) {
    float[] v = new float[dim];
    buffer.get(offset, v);
    return normalized(v);
  }

  /** {@code v} divided by its L2 norm, in place. */
  static float[] normalized(float[] v) {
    int dim = v.length;
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    double scale = 1.0 / Math.max(Math.sqrt(norm), EPSILON);
    for (int i = 0; i < dim; i++) {
      v[i] = (float) (v[i] * scale);
    }
    return v;
  }

  /** The mean of rows {@code 0..count-1} of a {@code (rows, dim)} block at {@code base}, L2-normalised. */
  static float[] normalizedMean(FloatBuffer buffer, int base, int count, int dim) {
    double[] sum = new double[dim];
    float[] row = new float[dim];
    for (int t = 0; t < count; t++) {
      buffer.get(base + t * dim, row);
      for (int i = 0; i < dim; i++) {
        sum[i] += row[i];
      }
    }
    double norm = 0;
    for (double x : sum) {
      norm += x * x; // the mean's norm is the sum's over count, and normalising removes both
    }
    double scale = 1.0 / Math.max(Math.sqrt(norm), EPSILON * count);
    float[] mean = new float[dim];
    for (int i = 0; i < dim; i++) {
      mean[i] = (float) (sum[i] * scale);
    }
    return mean;
  }

  /** Rows {@code from..to-1} of a {@code (rows, dim)} block that starts at {@code base}. */
  static float[][] normalizedRows(FloatBuffer buffer, int base, int from, int to, int dim) {
    float[][] rows = new float[Math.max(0, to - from)][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = normalizedRow(buffer, base + (from + i) * dim, dim);
    }
    return rows;
  }
}
