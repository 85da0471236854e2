package dev.m3search.engine.model;

import java.util.Locale;

/** What an ONNX model outputs, and so how the three representations are derived from it. */
public enum ModelLayout {
  /** The BGE-M3 export: dense {@code (B, D)}, sparse weights {@code (B, T, 1)}, ColBERT {@code (B, T-1, D)}. */
  M3,
  /** An encoder that outputs only {@code last_hidden_state (B, T, H)}, such as bge-small-en-v1.5. */
  HIDDEN_STATE;

  public static ModelLayout parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "m3" -> M3;
      case "hidden-state" -> HIDDEN_STATE;
      default ->
          throw new IllegalArgumentException("unknown model layout '" + text + "': use m3 or hidden-state");
    };
  }

  public String label() {
    return this == M3 ? "m3" : "hidden-state";
  }
}
