package dev.m3search.engine.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.Map;

/**
 * Checks that a model's outputs have the shapes its layout promises: once from the session's
 * declared shapes when the model opens, and on every batch from the tensors it returns. A wrong
 * shape is an {@link IllegalStateException} naming the output, its shape and the shape expected,
 * never a silently misread buffer.
 */
final class OutputShapes {
  /** A symbolic dimension in a declared shape, or one we do not check. */
  static final long ANY = -1;

  private final String layout;

  OutputShapes(ModelLayout layout) {
    this.layout = layout.label();
  }

  /**
   * The declared last dimension of {@code output}, after checking its rank and, where the layout
   * fixes it, its last dimension (−1 in {@code lastDimension} for "any"). A dimension the graph
   * names symbolically is read from the {@code probe}'s output.
   */
  int declaredLastDimension(OrtSession session, String output, int rank, long lastDimension, ShapeProbe probe)
      throws OrtException {
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    NodeInfo info = outputs.get(output);
    if (info == null) {
      throw new IllegalStateException(
          "the model has no output named '" + output + "' (the " + layout + " layout reads it); its outputs are "
              + outputs.keySet() + ". Name the right one under \"outputs\" in " + ModelSpec.CONFIG_FILE);
    }
    if (!(info.getInfo() instanceof TensorInfo tensor)) {
      throw new IllegalStateException("model output '" + output + "' is not a tensor");
    }
    long[] shape = tensor.getShape();
    long last = shape.length == 0 ? ANY : shape[shape.length - 1];
    boolean rankOk = shape.length == rank || (rank == 3 && lastDimension == 1 && shape.length == 2);
    if (!rankOk || (lastDimension != ANY && last != ANY && last != lastDimension)) {
      throw new IllegalStateException(
          "model output '" + output + "' is declared with shape " + describe(shape) + "; the " + layout
              + " layout expects rank " + rank + (lastDimension != ANY ? " ending in " + lastDimension : ""));
    }
    if (lastDimension == ANY && last <= 0) {
      long[] probed = probe.shape(output);
      last = probed.length == shape.length ? probed[probed.length - 1] : ANY;
      if (last <= 0) {
        throw new IllegalStateException(
            "model output '" + output + "' is declared " + describe(shape) + " and has shape " + describe(probed)
                + " on a probe text; the " + layout + " layout expects rank " + rank);
      }
    }
    return (int) last;
  }

  /** Checks the shape of {@code output} in one batch's result against {@code expected} (−1: any). */
  void check(OnnxTensor tensor, String output, long... expected) {
    check(tensor.getInfo().getShape(), output, expected);
  }

  /** Checks the shape {@code actual} of {@code output} against {@code expected} (−1: any). */
  void check(long[] actual, String output, long... expected) {
    boolean ok = actual.length == expected.length;
    for (int i = 0; ok && i < actual.length; i++) {
      ok = expected[i] == ANY || actual[i] == expected[i];
    }
    if (!ok) {
      throw new IllegalStateException(
          "model output '" + output + "' has shape " + describe(actual) + " for this batch; the " + layout
              + " layout expects " + describe(expected));
    }
  }

  private static String describe(long[] shape) {
    return Arrays.toString(Arrays.stream(shape).mapToObj(d -> d < 0 ? "?" : Long.toString(d)).toArray());
  }
}
