package dev.m3search.engine.model;

import java.util.Locale;

/** What an ONNX model outputs, and so how the three representations are derived from it. */
public enum ModelLayout {
  /** The BGE-M3 export: dense {@code (B, D)}, sparse weights {@code (B, T, 1)}, ColBERT {@code (B, T-1, D)}. */
  M3,
  /** An encoder that outputs only {@code last_hidden_state (B, T, H)}, such as bge-small-en-v1.5. */
  HIDDEN_STATE,
  /**
   * BGE-M3 as BAAI publishes it: a hidden-state export of the encoder ({@code onnx/}, Xenova's)
   * with the ColBERT and sparse heads from {@code colbert_linear.pt} and {@code sparse_linear.pt},
   * applied as FlagEmbedding does.
   */
  M3_HEADS;

  public static ModelLayout parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "m3" -> M3;
      case "hidden-state" -> HIDDEN_STATE;
      case "m3-heads" -> M3_HEADS;
      default ->
          throw new IllegalArgumentException("unknown model layout '" + text + "': use m3, m3-heads or hidden-state");
    };
  }

  public String label() {
    return switch (this) {
      case M3 -> "m3";
      case HIDDEN_STATE -> "hidden-state";
      case M3_HEADS -> "m3-heads";
    };
  }

  /** Whether the model gives learned sparse weights by token id (else the lexical leg is BM25). */
  public boolean learnsSparseWeights() {
    return this != HIDDEN_STATE;
  }

  /** Whether the ONNX graph's output is {@code last_hidden_state} alone. */
  public boolean outputsHiddenStates() {
    return this != M3;
  }
}
