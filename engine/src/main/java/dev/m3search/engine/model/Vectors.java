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

  /** Rows {@code from..to-1} of a {@code (rows, dim)} block that starts at {@code base}. */
  static float[][] normalizedRows(FloatBuffer buffer, int base, int from, int to, int dim) {
    float[][] rows = new float[Math.max(0, to - from)][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = normalizedRow(buffer, base + (from + i) * dim, dim);
    }
    return rows;
  }
}
