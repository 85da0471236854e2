package dev.m3search.engine.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Token ids of a few texts, padded to the longest of them.
 *
 * @param positions where each row's text stands in the caller's list
 * @param ids token ids, one row per text, padded with the pad id
 * @param lengths real (unpadded) length of each row
 * @param width the padded length
 * @param leftPadded padding comes before each row's tokens, not after
 */
public record TokenBatch(int[] positions, long[][] ids, int[] lengths, int width, boolean leftPadded) {

  public int size() {
    return ids.length;
  }

  /** Where row {@code r}'s first real token stands. */
  public int start(int r) {
    return leftPadded ? width - lengths[r] : 0;
  }

  /** Row {@code r}'s real token ids. */
  long[] tokens(int r) {
    return java.util.Arrays.copyOfRange(ids[r], start(r), start(r) + lengths[r]);
  }

  /** This batch with {@code rows} rows: its first row repeated after its own (same position), for a graph with a fixed batch. */
  TokenBatch paddedTo(int rows) {
    int[] p = java.util.Arrays.copyOf(positions, rows);
    long[][] i = java.util.Arrays.copyOf(ids, rows);
    int[] l = java.util.Arrays.copyOf(lengths, rows);
    for (int r = ids.length; r < rows; r++) {
      p[r] = positions[0];
      i[r] = ids[0];
      l[r] = lengths[0];
    }
    return new TokenBatch(p, i, l, width, leftPadded);
  }

  /**
   * The ONNX inputs this batch feeds, for those of the model's inputs it knows: {@code input_ids},
   * {@code attention_mask}, {@code token_type_ids} (zeros) and a decoder's {@code position_ids},
   * in int64 or, where the graph declares it, int32.
   */
  Map<String, OnnxTensor> toTensors(OrtEnvironment env, ModelInputs inputs) throws OrtException {
    int rows = ids.length;
    long[] shape = {rows, width};
    long[] flatIds = new long[rows * width];
    long[] mask = new long[rows * width];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(ids[r], 0, flatIds, r * width, width);
      java.util.Arrays.fill(mask, r * width + start(r), r * width + start(r) + lengths[r], 1L);
    }
    Map<String, OnnxTensor> tensors = new HashMap<>();
    try {
      tensors.put("input_ids", tensor(env, flatIds, shape, inputs.int32()));
      if (inputs.names().contains("attention_mask")) {
        tensors.put("attention_mask", tensor(env, mask, shape, inputs.int32()));
      }
      if (inputs.names().contains("token_type_ids")) {
        tensors.put("token_type_ids", tensor(env, new long[rows * width], shape, inputs.int32()));
      }
      if (inputs.names().contains("position_ids")) {
        tensors.put("position_ids", tensor(env, positionIds(), shape, inputs.int32()));
      }
    } catch (OrtException e) {
      tensors.values().forEach(OnnxTensor::close);
      throw e;
    }
    return tensors;
  }

  /**
   * A decoder's positions as Hugging Face derives them from the mask ({@code cumsum(mask) - 1},
   * padding set to 1): 0, 1, … on real tokens wherever the padding stands.
   */
  private long[] positionIds() {
    long[] positions = new long[ids.length * width];
    java.util.Arrays.fill(positions, 1L);
    for (int r = 0; r < ids.length; r++) {
      for (int t = 0; t < lengths[r]; t++) {
        positions[r * width + start(r) + t] = t;
      }
    }
    return positions;
  }

  private static OnnxTensor tensor(OrtEnvironment env, long[] values, long[] shape, boolean int32) throws OrtException {
    if (!int32) {
      return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
    }
    int[] narrow = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      narrow[i] = Math.toIntExact(values[i]);
    }
    return OnnxTensor.createTensor(env, IntBuffer.wrap(narrow), shape);
  }
}
