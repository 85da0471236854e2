package dev.m3search.engine.model;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.lucene.util.VectorUtil;

/**
 * A {@code torch.nn.Linear} layer read from its state dict ({@code weight} {@code (out, in)},
 * {@code bias} {@code (out)}): {@code y = W·x + b}, one dot product per output with Lucene's
 * vectorised {@link VectorUtil#dotProduct}.
 */
record LinearHead(int inputs, float[][] weight, float[] bias) {

  /** The layer in {@code file} (see {@link TorchTensors}); an error names the file and the tensor. */
  static LinearHead read(Path file) throws IOException {
    Map<String, TorchTensors.Tensor> tensors = TorchTensors.read(file);
    TorchTensors.Tensor weight = tensors.get("weight");
    TorchTensors.Tensor bias = tensors.get("bias");
    if (weight == null || weight.shape().length != 2) {
      throw new IOException(file + ": no 2-dimensional 'weight' (tensors: " + describe(tensors) + ")");
    }
    int out = Math.toIntExact(weight.shape()[0]);
    int in = Math.toIntExact(weight.shape()[1]);
    if (bias != null && (bias.shape().length != 1 || bias.shape()[0] != out)) {
      throw new IOException(file + ": 'bias' has shape " + Arrays.toString(bias.shape()) + ", not [" + out + "]");
    }
    float[][] rows = new float[out][];
    for (int o = 0; o < out; o++) {
      rows[o] = Arrays.copyOfRange(weight.values(), o * in, (o + 1) * in);
    }
    return new LinearHead(in, rows, bias != null ? bias.values() : new float[out]);
  }

  int outputs() {
    return weight.length;
  }

  /**
   * {@code W·x + b} for each of the {@code count} states of {@link #inputs} floats from {@code
   * offset} on: output by output, so that a row of {@code W} is read once for all the states
   * (a 1,024 × 1,024 head is 4 MB, more than a core's cache) rather than once a state.
   */
  float[][] apply(FloatBuffer states, int offset, int count) {
    float[][] x = new float[count][inputs];
    for (int t = 0; t < count; t++) {
      states.get(offset + t * inputs, x[t]);
    }
    float[][] y = new float[count][weight.length];
    for (int o = 0; o < weight.length; o++) {
      float[] row = weight[o];
      for (int t = 0; t < count; t++) {
        y[t][o] = VectorUtil.dotProduct(row, x[t]) + bias[o];
      }
    }
    return y;
  }

  private static String describe(Map<String, TorchTensors.Tensor> tensors) {
    StringBuilder out = new StringBuilder();
    tensors.forEach((name, t) -> out.append(out.isEmpty() ? "" : ", ").append(name).append(Arrays.toString(t.shape())));
    return out.isEmpty() ? "none" : out.toString();
  }
}
