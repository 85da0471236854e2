package dev.m3search.engine.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Token ids of a few texts, padded to the longest of them.
 *
 * @param positions where each row's text stands in the caller's list
 * @param ids token ids, one row per text, padded with the pad id
 * @param lengths real (unpadded) length of each row
 * @param width the padded length
 */
public record TokenBatch(int[] positions, long[][] ids, int[] lengths, int width) {

  public int size() {
    return ids.length;
  }

  /**
   * The ONNX inputs this batch feeds, for those of {@code inputNames} it knows: {@code input_ids},
   * {@code attention_mask} and {@code token_type_ids} (zeros).
   */
  public Map<String, OnnxTensor> toTensors(OrtEnvironment env, Set<String> inputNames) throws OrtException {
    int rows = ids.length;
    long[] shape = {rows, width};
    LongBuffer idBuffer = LongBuffer.allocate(rows * width);
    LongBuffer maskBuffer = LongBuffer.allocate(rows * width);
    for (int r = 0; r < rows; r++) {
      idBuffer.put(ids[r]);
      for (int t = 0; t < width; t++) {
        maskBuffer.put(t < lengths[r] ? 1L : 0L);
      }
    }
    Map<String, OnnxTensor> tensors = new HashMap<>();
    try {
      tensors.put("input_ids", OnnxTensor.createTensor(env, idBuffer.flip(), shape));
      if (inputNames.contains("attention_mask")) {
        tensors.put("attention_mask", OnnxTensor.createTensor(env, maskBuffer.flip(), shape));
      }
      if (inputNames.contains("token_type_ids")) {
        tensors.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.allocate(rows * width), shape));
      }
    } catch (OrtException e) {
      tensors.values().forEach(OnnxTensor::close);
      throw e;
    }
    return tensors;
  }
}
