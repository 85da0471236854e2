package dev.m3search.engine.model;

import java.util.Locale;

/** How a hidden-state model's dense vector is taken from its token states. */
public enum Pooling {
  /** The first token's state ({@code [CLS]}): BGE. */
  CLS,
  /** The mean of every token's state the attention mask covers, special tokens and prefix included: E5, sentence-transformers. */
  MEAN,
  /** The last real token's state (batches are padded on the right): decoder embedders such as E5-mistral and GTE-Qwen. */
  LAST_TOKEN;

  public static Pooling parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "cls" -> CLS;
      case "mean" -> MEAN;
      case "last-token" -> LAST_TOKEN;
      default -> throw new IllegalArgumentException("unknown pooling '" + text + "': use cls, mean or last-token");
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
