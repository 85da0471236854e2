package dev.m3search.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every setting besides the weights that changes what a model's encoding of a text is. Part of a
 * model's identity: two models with the same weights but another query prefix, maximum length,
 * special tokens or output names encode differently, so an index of one is refused by the other.
 * The layout fixes the pooling (dense = CLS) and which positions become token vectors.
 *
 * @param maxTokens texts are truncated to this many tokens, special tokens included
 * @param queryPrefix put before a query for its dense vector; empty for none
 */
public record EncodingSettings(
    ModelLayout layout, int maxTokens, String queryPrefix, OutputNames outputs, SpecialTokens specialTokens) {

  public EncodingSettings {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(outputs, "outputs");
    Objects.requireNonNull(specialTokens, "specialTokens");
    queryPrefix = queryPrefix == null ? "" : queryPrefix;
    if (maxTokens < 2) {
      throw new IllegalArgumentException("maxTokens must be at least 2 (CLS and SEP), got " + maxTokens);
    }
  }

  /** The same settings with another query prefix. */
  public EncodingSettings withQueryPrefix(String prefix) {
    return new EncodingSettings(layout, maxTokens, prefix, outputs, specialTokens);
  }

  /** What differs from {@code other}, one phrase per setting; empty when they agree. */
  List<String> differencesFrom(EncodingSettings other) {
    List<String> out = new ArrayList<>();
    if (layout != other.layout) {
      out.add("layout " + layout.label() + " vs " + other.layout.label());
    }
    if (maxTokens != other.maxTokens) {
      out.add("maxTokens " + maxTokens + " vs " + other.maxTokens);
    }
    if (!queryPrefix.equals(other.queryPrefix)) {
      out.add("query prefix \"" + queryPrefix + "\" vs \"" + other.queryPrefix + "\"");
    }
    if (!outputs.equals(other.outputs)) {
      out.add("output names " + outputs + " vs " + other.outputs);
    }
    if (!specialTokens.equals(other.specialTokens)) {
      out.add("special tokens " + specialTokens + " vs " + other.specialTokens);
    }
    return out;
  }
}
