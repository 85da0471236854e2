package dev.m3search.engine.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cross-encoder reranker (an ONNX sequence-classification model such as bge-reranker-v2-m3 or an
 * ms-marco MiniLM cross-encoder): scores query–passage pairs, tokenised together as a pair through
 * the model's {@code tokenizer.json}, in batches. Thread-safe.
 *
 * <p>The folder holds {@code model.onnx} (or {@code onnx/model.onnx}) and {@code tokenizer.json}.
 * The model takes {@code input_ids} and {@code attention_mask} (and {@code token_type_ids} if it
 * declares it: 0 for the query's tokens, 1 for the passage's) and its first output is one logit per
 * pair, shaped {@code [batch, 1]} or {@code [batch]}.
 */
public final class CrossEncoder implements AutoCloseable {
  private final String name;
  private final RerankOptions options;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final String output;
  private final boolean typeIds;

  private CrossEncoder(String name, RerankOptions options, OrtSession session, HuggingFaceTokenizer tokenizer) throws OrtException {
    this.name = name;
    this.options = options;
    this.env = OrtEnvironment.getEnvironment();
    this.session = session;
    this.tokenizer = tokenizer;
    this.typeIds = session.getInputNames().contains("token_type_ids");
    for (String required : List.of("input_ids", "attention_mask")) {
      if (!session.getInputNames().contains(required)) {
        throw new IllegalStateException("the model has no input '" + required + "'; its inputs are " + session.getInputNames());
      }
    }
    Map.Entry<String, NodeInfo> first = session.getOutputInfo().entrySet().iterator().next();
    this.output = first.getKey();
    if (first.getValue().getInfo() instanceof TensorInfo tensor) {
      long[] shape = tensor.getShape();
      if (shape.length > 2 || (shape.length == 2 && shape[1] > 1)) {
        throw new IllegalStateException("output '" + output + "' has shape " + Arrays.toString(shape)
            + "; a reranker gives one logit per pair, [batch, 1] or [batch]");
      }
    }
  }

  /** Opens the reranker in {@code folder}. */
  public static CrossEncoder open(Path folder, RerankOptions options) throws IOException {
    Path onnx = folder.resolve("model.onnx");
    if (!Files.exists(onnx)) {
      onnx = folder.resolve("onnx").resolve("model.onnx");
    }
    Path tokenizerJson = folder.resolve("tokenizer.json");
    if (!Files.exists(onnx) || !Files.exists(tokenizerJson)) {
      throw new IOException("reranker folder " + folder + " needs model.onnx (or onnx/model.onnx) and tokenizer.json");
    }
    HuggingFaceTokenizer tokenizer = null;
    OrtSession session = null;
    try {
      DjlTelemetry.optOut();
      tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
          "addSpecialTokens", "true",
          "truncation", "longest_first",
          "padding", "false",
          "maxLength", Integer.toString(options.maxLength())));
      try (OrtSession.SessionOptions sessionOptions =
          ExecutionProviders.options(new EncoderOptions(options.batchSize(), options.threads()), false)) {
        session = OrtEnvironment.getEnvironment().createSession(onnx.toString(), sessionOptions);
      }
      return new CrossEncoder(folder.getFileName().toString(), options, session, tokenizer);
    } catch (OrtException | IllegalStateException e) {
      ModelResources.closeOpened(e, tokenizer, session);
      throw new IOException("cannot load reranker " + folder + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      ModelResources.closeOpened(e, tokenizer, session);
      throw e;
    }
  }

  /** The folder's name, for reports. */
  public String name() {
    return name;
  }

  public RerankOptions options() {
    return options;
  }

  /** The score of {@code query} with each passage, in the passages' order. */
  public float[] score(String query, List<String> passages) throws IOException {
    PairList<String, String> pairs = new PairList<>(passages.size());
    passages.forEach(p -> pairs.add(query, p));
    Encoding[] encodings = passages.isEmpty() ? new Encoding[0] : tokenizer.batchEncode(pairs);
    Integer[] order = new Integer[encodings.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> -encodings[i].getIds().length).thenComparingInt(i -> i));
    float[] scores = new float[encodings.length];
    for (int start = 0; start < order.length; start += options.batchSize()) {
      Integer[] batch = Arrays.copyOfRange(order, start, Math.min(order.length, start + options.batchSize()));
      float[] logits = run(batch, encodings);
      for (int r = 0; r < batch.length; r++) {
        scores[batch[r]] = options.sigmoid() ? (float) (1 / (1 + Math.exp(-logits[r]))) : logits[r];
      }
    }
    return scores;
  }

  /** One padded batch through the session: a logit per row. */
  private float[] run(Integer[] rows, Encoding[] encodings) throws IOException {
    int width = encodings[rows[0]].getIds().length;
    long[] shape = {rows.length, width};
    LongBuffer ids = LongBuffer.allocate(rows.length * width);
    LongBuffer mask = LongBuffer.allocate(rows.length * width);
    LongBuffer types = LongBuffer.allocate(rows.length * width);
    for (int r = 0; r < rows.length; r++) {
      Encoding e = encodings[rows[r]];
      int base = r * width;
      for (int t = 0; t < e.getIds().length; t++) {
        ids.put(base + t, e.getIds()[t]);
        mask.put(base + t, 1);
        types.put(base + t, e.getTypeIds()[t]);
      }
    }
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, ids, shape));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, mask, shape));
      if (typeIds) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, types, shape));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        float[] logits = new float[rows.length];
        Object value = result.get(output).orElseThrow().getValue();
        for (int r = 0; r < rows.length; r++) {
          logits[r] = value instanceof float[][] matrix ? matrix[r][0] : ((float[]) value)[r];
        }
        return logits;
      }
    } catch (OrtException e) {
      throw new IOException("reranker " + name + " failed: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() throws IOException {
    ModelResources.closeAll(tokenizer, session);
  }
}
