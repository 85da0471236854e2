package dev.m3search.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every setting besides the weights that changes what a model's encoding of a text is. Part of a
 * model's identity: two models with the same weights but another query prefix, maximum length,
 * special tokens or output names encode differently, so an index of one is refused by the other.
 * The layout fixes which positions become token vectors; a hidden-state model's dense vector is
 * pooled as {@code pooling} says.
 *
 * @param maxTokens texts are truncated to this many tokens, special tokens included
 * @param queryPrefix put before a query for its dense vector; empty for none
 * @param pooling how a hidden-state model's dense vector is taken (CLS when null); the m3 layout's
 *     dense output is the model's own, so it takes only CLS
 * @param documentPrefix put before a document (E5's {@code "passage: "}); its tokens count in the
 *     dense vector and are left out of the token vectors and learned weights; empty for none
 * @param appendEos end every text with the EOS token where the tokenizer does not, as decoder
 *     embedders pooled on their last token need
 * @param querySuffix put after a query for its dense vector, with {@code queryPrefix} the two
 *     sides of an instruction template's {@code {query}}; empty for none
 * @param leftPadding pad batches on the left, as decoder graphs exported for left padding expect
 *     (hidden-state layout); the last real token is then every row's last. Not part of the
 *     identity: a graph that honours its attention mask and positions encodes alike either way
 * @param withoutTokenVectors the model gives no token vectors, so its indexes have two legs,
 *     dense and lexical: a dense-only model (E5, a decoder) whose hidden states were not asked for
 *     as token vectors (hidden-state layout)
 */
public record EncodingSettings(
    ModelLayout layout,
    int maxTokens,
    String queryPrefix,
    OutputNames outputs,
    SpecialTokens specialTokens,
    Pooling pooling,
    String documentPrefix,
    boolean appendEos,
    String querySuffix,
    boolean leftPadding,
    boolean withoutTokenVectors) {

  public EncodingSettings {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(outputs, "outputs");
    Objects.requireNonNull(specialTokens, "specialTokens");
    queryPrefix = queryPrefix == null ? "" : queryPrefix;
    documentPrefix = documentPrefix == null ? "" : documentPrefix;
    querySuffix = querySuffix == null ? "" : querySuffix;
    pooling = pooling == null ? Pooling.CLS : pooling;
    if (maxTokens < 2) {
      throw new IllegalArgumentException("maxTokens must be at least 2 (CLS and SEP), got " + maxTokens);
    }
    if (layout != ModelLayout.HIDDEN_STATE && pooling != Pooling.CLS) {
      throw new IllegalArgumentException(
          "pooling " + pooling.label() + " needs the hidden-state layout: BGE-M3's dense vector is its own (" + layout.label() + ")");
    }
    if (layout != ModelLayout.HIDDEN_STATE && leftPadding) {
      throw new IllegalArgumentException("left padding is for decoder graphs, of the hidden-state layout, not " + layout.label());
    }
    if (layout != ModelLayout.HIDDEN_STATE && withoutTokenVectors) {
      throw new IllegalArgumentException(
          "the " + layout.label() + " layout's token vectors are the model's ColBERT output; only a hidden-state model can go without");
    }
  }

  /** CLS pooling, no document prefix and token vectors, as BGE models take them. */
  public EncodingSettings(
      ModelLayout layout, int maxTokens, String queryPrefix, OutputNames outputs, SpecialTokens specialTokens) {
    this(layout, maxTokens, queryPrefix, outputs, specialTokens, Pooling.CLS, "", false, "", false, false);
  }

  /** The same settings with another query prefix (and no suffix). */
  public EncodingSettings withQueryPrefix(String prefix) {
    return new EncodingSettings(
        layout, maxTokens, prefix, outputs, specialTokens, pooling, documentPrefix, appendEos, "", leftPadding,
        withoutTokenVectors);
  }

  /** The same settings with the hidden states kept as token vectors, or not. */
  public EncodingSettings withTokenVectors(boolean kept) {
    return new EncodingSettings(
        layout, maxTokens, queryPrefix, outputs, specialTokens, pooling, documentPrefix, appendEos, querySuffix, leftPadding,
        !kept);
  }

  /** Whether the model's texts give token vectors, so its indexes have the ColBERT leg. */
  public boolean hasTokenVectors() {
    return !withoutTokenVectors;
  }

  /** A query as the model's dense vector takes it: between the query prefix and suffix. */
  public String framedQuery(String query) {
    return queryPrefix + query + querySuffix;
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
    if (!querySuffix.equals(other.querySuffix)) {
      out.add("query suffix \"" + querySuffix + "\" vs \"" + other.querySuffix + "\"");
    }
    if (withoutTokenVectors != other.withoutTokenVectors) {
      out.add((withoutTokenVectors ? "no token vectors" : "token vectors") + " vs "
          + (other.withoutTokenVectors ? "none" : "token vectors") + " (\"tokenVectors\" in " + ModelSpec.CONFIG_FILE + ")");
    }
    if (!documentPrefix.equals(other.documentPrefix)) {
      out.add("document prefix \"" + documentPrefix + "\" vs \"" + other.documentPrefix + "\"");
    }
    if (appendEos != other.appendEos) {
      out.add("appendEos " + appendEos + " vs " + other.appendEos);
    }
    if (pooling != other.pooling) {
      out.add("pooling " + pooling.label() + " vs " + other.pooling.label());
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
