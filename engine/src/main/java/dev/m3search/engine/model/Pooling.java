package dev.m3search.engine.model;

import java.util.Locale;

/** How a hidden-state model's dense vector is taken from its token states. */
public enum Pooling {
  /** The first token's state ({@code [CLS]}): BGE. */
  CLS,
  /** The mean of every token's state the attention mask covers, special tokens and prefix included: E5, sentence-transformers. */
  MEAN;

  public static Pooling parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "cls" -> CLS;
      case "mean" -> MEAN;
      default -> throw new IllegalArgumentException("unknown pooling '" + text + "': use cls or mean");
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
