package dev.m3search.engine.model;

import dev.m3search.engine.onnx.OnnxModelWriter;
import java.util.List;

/**
 * BGE-M3's heads as a second ONNX graph, run by ONNX Runtime where the encoder runs: input {@code
 * states (N, H)}, outputs {@code colbert (N, D) = states·Wᶜᵀ + bᶜ} and {@code sparse (N, 1) =
 * states·Wˢᵀ + bˢ}, before relu and normalisation. On 1,000 texts of 256 tokens at 1,024
 * dimensions (AMD EPYC with AVX-512, {@code HeadsBenchmark}), one matrix product per text took 2.7–2.9 s on one
 * thread and 1.7–1.9 s on two, where Lucene's vectorised dot products, output by output over a
 * text's states, took 13.7–14.3 s on one.
 */
final class HeadsGraph {
  static final String STATES = "states";
  static final String COLBERT = "colbert";
  static final String SPARSE = "sparse";

  private HeadsGraph() {}

  static byte[] of(ModelHeads heads) {
    int h = heads.inputs();
    int d = heads.colbert().outputs();
    return new OnnxModelWriter()
        .input(STATES, OnnxModelWriter.FLOAT, "tokens", (long) h)
        .output(COLBERT, OnnxModelWriter.FLOAT, "tokens", (long) d)
        .output(SPARSE, OnnxModelWriter.FLOAT, "tokens", 1L)
        .floats("colbert_weight", new long[] {h, d}, transposed(heads.colbert()))
        .floats("colbert_bias", new long[] {d}, heads.colbert().bias())
        .floats("sparse_weight", new long[] {h, 1}, transposed(heads.sparse()))
        .floats("sparse_bias", new long[] {1}, heads.sparse().bias())
        .node("MatMul", List.of(STATES, "colbert_weight"), List.of("colbert_raw"))
        .node("Add", List.of("colbert_raw", "colbert_bias"), List.of(COLBERT))
        .node("MatMul", List.of(STATES, "sparse_weight"), List.of("sparse_raw"))
        .node("Add", List.of("sparse_raw", "sparse_bias"), List.of(SPARSE))
        .toBytes();
  }

  /** {@code Wᵀ} of a head, {@code (in, out)} row-major, as MatMul takes it. */
  private static float[] transposed(LinearHead head) {
    int in = head.inputs();
    int out = head.outputs();
    float[] t = new float[in * out];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        t[i * out + o] = head.weight()[o][i];
      }
    }
    return t;
  }
}
