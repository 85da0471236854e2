package dev.m3search.engine.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A {@code torch.nn.Linear} layer read from its state dict ({@code weight} {@code (out, in)},
 * {@code bias} {@code (out)}): {@code y = W·x + b}, which {@link HeadsGraph} runs.
 */
record LinearHead(float[][] weight, float[] bias) {

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
    return new LinearHead(rows, bias != null ? bias.values() : new float[out]);
  }

  int inputs() {
    return weight[0].length;
  }

  int outputs() {
    return weight.length;
  }

  private static String describe(Map<String, TorchTensors.Tensor> tensors) {
    StringBuilder out = new StringBuilder();
    tensors.forEach((name, t) -> out.append(out.isEmpty() ? "" : ", ").append(name).append(Arrays.toString(t.shape())));
    return out.isEmpty() ? "none" : out.toString();
  }
}
