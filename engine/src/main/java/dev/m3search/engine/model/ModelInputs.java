package dev.m3search.engine.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Map;
import java.util.Set;

/**
 * The inputs a model's graph declares that {@link TokenBatch#toTensors} fills ({@code input_ids},
 * {@code attention_mask}, {@code token_type_ids}), and whether it takes them as int32, as some
 * exports do, rather than int64.
 */
record ModelInputs(Set<String> names, boolean int32) {

  static ModelInputs of(OrtSession session) throws OrtException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    NodeInfo ids = inputs.get("input_ids");
    if (ids == null) {
      throw new IllegalStateException("the model has no input named 'input_ids'; its inputs are " + inputs.keySet());
    }
    OnnxJavaType type = ((TensorInfo) ids.getInfo()).type;
    if (type != OnnxJavaType.INT64 && type != OnnxJavaType.INT32) {
      throw new IllegalStateException("the model's input 'input_ids' is " + type + "; m3search feeds int64 or int32 ids");
    }
    return new ModelInputs(inputs.keySet(), type == OnnxJavaType.INT32);
  }
}
