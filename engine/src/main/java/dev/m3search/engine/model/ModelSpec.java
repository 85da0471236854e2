package dev.m3search.engine.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything needed to run a model: its name (a label), the settings that shape its encodings, its
 * files and the digest of their content. Built from a model folder ({@link #fromFolder}), a
 * built-in name ({@link BuiltInModel}) or either ({@link #resolve}).
 *
 * @param onnxPath the ONNX file, or null when {@code onnxBytes} holds the model
 * @param onnxBytes the ONNX model, or null when it is read from {@code onnxPath}
 * @param weightsDigest SHA-256 over the ONNX file, its external data files and the tokenizer
 * @param languages the ISO 639-1 codes of the languages the model was trained for ({@code
 *     "languages"} in {@code m3search.json}); empty when it does not say, which is taken as every
 *     language
 * @param heads the ColBERT and sparse heads of the m3-heads layout, null for the others
 * @param cpuOnly run on the CPU even where a GPU is found ({@code "device": "cpu"}), as an int8
 *     export, whose quantised operators the GPU provider lacks, needs
 */
public record ModelSpec(
    String name,
    EncodingSettings settings,
    Path onnxPath,
    byte[] onnxBytes,
    byte[] tokenizerJson,
    String weightsDigest,
    List<String> languages,
    ModelHeads heads,
    boolean cpuOnly) {

  public ModelSpec {
    languages = languages == null ? List.of() : List.copyOf(languages);
    if ((settings.layout() == ModelLayout.M3_HEADS) != (heads != null)) {
      throw new IllegalArgumentException("the m3-heads layout, and it alone, takes heads");
    }
  }

  /** A model of the m3 or hidden-state layout. */
  public ModelSpec(
      String name, EncodingSettings settings, Path onnxPath, byte[] onnxBytes, byte[] tokenizerJson, String weightsDigest,
      List<String> languages) {
    this(name, settings, onnxPath, onnxBytes, tokenizerJson, weightsDigest, languages, null, false);
  }

  /** A model that does not say which languages it knows. */
  public ModelSpec(
      String name, EncodingSettings settings, Path onnxPath, byte[] onnxBytes, byte[] tokenizerJson, String weightsDigest) {
    this(name, settings, onnxPath, onnxBytes, tokenizerJson, weightsDigest, List.of());
  }

  /** The file in a model folder that describes the model. */
  public static final String CONFIG_FILE = "m3search.json";

  public static final String DEFAULT_MODEL_NAME = BuiltInModel.BGE_SMALL_EN_V15.label();
  public static final String BGE_V15_QUERY_PREFIX = BuiltInModel.BGE_V15_QUERY_PREFIX;

  private static final int HIDDEN_STATE_MAX_TOKENS = 512;
  private static final int M3_MAX_TOKENS = 8192;

  /** The shape of {@code m3search.json}; every key is optional but {@code layout}. */
  private record ConfigFile(
      String name,
      String layout,
      String onnx,
      String tokenizer,
      Integer maxTokens,
      String queryPrefix,
      String queryTemplate,
      String task,
      String documentPrefix,
      String pooling,
      Boolean appendEos,
      String padding,
      Boolean tokenVectors,
      OutputNames outputs,
      Boolean colbertIncludesCls,
      Map<String, String> heads,
      String device,
      SpecialTokens specialTokens,
      List<String> languages) {}

  public ModelLayout layout() {
    return settings.layout();
  }

  public int maxTokens() {
    return settings.maxTokens();
  }

  public String queryPrefix() {
    return settings.queryPrefix();
  }

  public String documentPrefix() {
    return settings.documentPrefix();
  }

  public OutputNames outputs() {
    return settings.outputs();
  }

  public SpecialTokens specialTokens() {
    return settings.specialTokens();
  }

  /** The same model with other settings; its identity changes with them. */
  public ModelSpec withSettings(EncodingSettings other) {
    return new ModelSpec(name, other, onnxPath, onnxBytes, tokenizerJson, weightsDigest, languages, heads, cpuOnly);
  }

  /** The default model, bge-small-en-v1.5. */
  public static ModelSpec defaultModel() {
    try {
      return BuiltInModel.BGE_SMALL_EN_V15.spec();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A built-in model by name ({@link BuiltInModel#labels()}), or else a model folder. */
  public static ModelSpec resolve(String nameOrFolder) throws IOException {
    var builtIn = BuiltInModel.named(nameOrFolder);
    if (builtIn.isPresent()) {
      return builtIn.get().spec();
    }
    Path dir = Path.of(nameOrFolder);
    if (!Files.isDirectory(dir)) {
      throw new IOException(
          "no model folder " + nameOrFolder + ", and no built-in model of that name (built-in: "
              + String.join(", ", BuiltInModel.labels()) + ")");
    }
    return fromFolder(dir);
  }

  /**
   * A model folder: {@code tokenizer.json}, one ONNX file (with the external data files it names, if
   * any) and {@code m3search.json} giving at least the layout.
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
      throw new IOException(configPath + ": \"layout\" is missing (m3, m3-heads or hidden-state)");
    }
    ModelLayout layout;
    try {
      layout = ModelLayout.parse(config.layout());
    } catch (IllegalArgumentException e) {
      throw new IOException(configPath + ": " + e.getMessage(), e);
    }
    Path tokenizerPath = dir.resolve(config.tokenizer() != null ? config.tokenizer() : "tokenizer.json");
    if (!Files.exists(tokenizerPath)) {
      throw new IOException(
          config.tokenizer() != null
              ? configPath + ": tokenizer file " + tokenizerPath + " does not exist"
              : "model folder " + dir + " has no tokenizer.json (or name it in " + CONFIG_FILE + " as \"tokenizer\")");
    }
    byte[] tokenizer = Files.readAllBytes(tokenizerPath);
    Path onnx = config.onnx() != null ? dir.resolve(config.onnx()) : findOnnx(dir);
    if (!Files.exists(onnx)) {
      throw new IOException(configPath + ": ONNX file " + onnx + " does not exist");
    }
    EncodingSettings settings;
    try {
      String[] query = queryFrame(config);
      settings =
          new EncodingSettings(
              layout,
              config.maxTokens() != null
                  ? config.maxTokens()
                  : (layout == ModelLayout.HIDDEN_STATE ? HIDDEN_STATE_MAX_TOKENS : M3_MAX_TOKENS),
              query[0],
              outputs(config, layout),
              config.specialTokens() != null ? config.specialTokens() : SpecialTokens.fromTokenizerJson(tokenizer),
              config.pooling() != null ? Pooling.parse(config.pooling()) : Pooling.CLS,
              config.documentPrefix(),
              Boolean.TRUE.equals(config.appendEos()),
              query[1],
              leftPadding(config.padding()),
              // a hidden-state model's states are token vectors only when asked for; the m3 layouts' are the model's
              layout == ModelLayout.HIDDEN_STATE && !Boolean.TRUE.equals(config.tokenVectors()));
      if (layout != ModelLayout.HIDDEN_STATE && Boolean.FALSE.equals(config.tokenVectors())) {
        throw new IllegalArgumentException(
            "\"tokenVectors\": false applies to the hidden-state layout; the " + layout.label() + " layout's are the model's ColBERT output");
      }
    } catch (IllegalArgumentException e) {
      throw new IOException(configPath + ": " + e.getMessage(), e);
    }
    List<Path> weightFiles = new ArrayList<>();
    weightFiles.add(onnx);
    for (String location : OnnxExternalData.locations(onnx)) {
      Path data = onnx.resolveSibling(location).normalize();
      if (!Files.isRegularFile(data)) {
        throw new IOException(onnx + " keeps weights in " + location + ", which is missing from " + dir);
      }
      weightFiles.add(data);
    }
    weightFiles.add(tokenizerPath);
    ModelHeads heads = null;
    if (layout == ModelLayout.M3_HEADS) {
      for (String key : config.heads() != null ? config.heads().keySet() : java.util.Set.<String>of()) {
        if (!key.equals("colbert") && !key.equals("sparse")) {
          throw new IOException(configPath + ": unknown head \"" + key + "\" (colbert, sparse)");
        }
      }
      Path colbert = dir.resolve(headFile(config, "colbert", "colbert_linear.pt"));
      Path sparse = dir.resolve(headFile(config, "sparse", "sparse_linear.pt"));
      for (Path head : List.of(colbert, sparse)) {
        if (!Files.isRegularFile(head)) {
          throw new IOException(configPath + ": the m3-heads layout needs the head file " + head);
        }
      }
      heads = ModelHeads.read(colbert, sparse);
      weightFiles.add(colbert);
      weightFiles.add(sparse);
    } else if (config.heads() != null) {
      throw new IOException(configPath + ": \"heads\" belong to the m3-heads layout, not " + layout.label());
    }
    return new ModelSpec(
        config.name() != null ? config.name() : dir.toAbsolutePath().normalize().getFileName().toString(),
        settings,
        onnx,
        null,
        tokenizer,
        ModelDigest.ofFiles(dir, weightFiles),
        config.languages(),
        heads,
        cpuOnly(config.device(), configPath));
  }

  /**
   * The query's prefix and suffix: {@code "queryPrefix"}, or the two sides of {@code
   * "queryTemplate"}'s {@code {query}}, its {@code {task}} filled with {@code "task"} (E5-mistral's
   * and GTE-Qwen's {@code "Instruct: {task}\nQuery: {query}"}).
   */
  private static String[] queryFrame(ConfigFile config) {
    String template = config.queryTemplate();
    if (template == null) {
      if (config.task() != null) {
        throw new IllegalArgumentException("\"task\" fills the {task} of a \"queryTemplate\", and there is none");
      }
      return new String[] {config.queryPrefix(), ""};
    }
    if (config.queryPrefix() != null) {
      throw new IllegalArgumentException("give \"queryPrefix\" or \"queryTemplate\", not both");
    }
    if (template.contains("{task}")) {
      if (config.task() == null) {
        throw new IllegalArgumentException("\"queryTemplate\" has {task}; give the task as \"task\"");
      }
      template = template.replace("{task}", config.task());
    } else if (config.task() != null) {
      throw new IllegalArgumentException("\"task\" is given, and \"queryTemplate\" has no {task} for it");
    }
    int at = template.indexOf("{query}");
    if (at < 0 || template.indexOf("{query}", at + 1) >= 0) {
      throw new IllegalArgumentException("\"queryTemplate\" must hold {query} once, got \"" + template + "\"");
    }
    return new String[] {template.substring(0, at), template.substring(at + "{query}".length())};
  }

  /** {@code "padding"}: {@code "right"} (the default) or {@code "left"}. */
  private static boolean leftPadding(String padding) {
    if (padding == null || padding.equals("right")) {
      return false;
    }
    if (padding.equals("left")) {
      return true;
    }
    throw new IllegalArgumentException("unknown \"padding\" '" + padding + "': use right or left");
  }

  /** {@code "device"}: {@code "cpu"} keeps the model on the CPU; {@code "auto"} (the default) takes a GPU where one is found. */
  private static boolean cpuOnly(String device, Path configPath) throws IOException {
    if (device == null || device.equals("auto")) {
      return false;
    }
    if (device.equals("cpu")) {
      return true;
    }
    throw new IOException(configPath + ": unknown \"device\" '" + device + "': use auto or cpu");
  }

  /** The file {@code "heads": {"KEY": ...}} names, or the name FlagEmbedding saves it as. */
  private static String headFile(ConfigFile config, String key, String fallback) {
    return config.heads() != null && config.heads().containsKey(key) ? config.heads().get(key) : fallback;
  }

  /** The output names, with {@code colbertIncludesCls} (m3 layout only). */
  private static OutputNames outputs(ConfigFile config, ModelLayout layout) {
    OutputNames names = config.outputs() != null ? config.outputs() : OutputNames.defaults(layout);
    if (Boolean.TRUE.equals(config.colbertIncludesCls())) {
      if (layout != ModelLayout.M3) {
        throw new IllegalArgumentException("\"colbertIncludesCls\" applies to the m3 layout, whose ColBERT output it describes");
      }
      names = names.withColbertIncludingCls(true);
    }
    return names;
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
}
