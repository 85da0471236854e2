package dev.m3search.engine.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One short text run through a model when it opens, at most once: the shapes of its outputs, for
 * the dimensions a graph declares symbolically and for checking a layout's row counts before any
 * real batch.
 */
final class ShapeProbe {
  /** A short text of a word or two in any vocabulary; also the word a document prefix is measured on. */
  static final String TEXT = "m3search";

  private final OrtSession session;
  private final ModelInputs inputs;
  private final TokenBatch batch;
  private Map<String, long[]> shapes;

  ShapeProbe(OrtSession session, ModelInputs inputs, TextTokenizer tokenizer, int maxTokens) {
    this.session = session;
    this.inputs = inputs;
    this.batch = inputs.fed(tokenizer.batchByLength(tokenizer.tokenize(List.of(TEXT)).ids(), 1, maxTokens).get(0));
  }

  /** Rows of the probe batch: 1, or the graph's fixed batch. */
  int rows() {
    return batch.size();
  }

  /** Tokens of the probe text, special tokens included. */
  int width() {
    return batch.width();
  }

  /** The shape of {@code output} on the probe text. */
  long[] shape(String output) throws OrtException {
    if (shapes == null) {
      Map<String, long[]> seen = new HashMap<>();
      Map<String, OnnxTensor> tensors = batch.toTensors(OrtEnvironment.getEnvironment(), inputs);
      try (OrtSession.Result result = session.run(tensors)) {
        for (Map.Entry<String, OnnxValue> entry : result) {
          if (entry.getValue() instanceof OnnxTensor tensor) {
            seen.put(entry.getKey(), tensor.getInfo().getShape());
          }
        }
      } finally {
        tensors.values().forEach(OnnxTensor::close);
      }
      shapes = seen;
    }
    long[] shape = shapes.get(output);
    if (shape == null) {
      throw new IllegalStateException("the model returned no output named '" + output + "' for the probe text");
    }
    return shape;
  }
}
