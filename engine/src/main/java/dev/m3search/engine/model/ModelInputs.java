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
 * {@code attention_mask}, {@code token_type_ids}), whether it takes them as int32, as some
 * exports do, rather than int64, and the batch size it fixes, if it fixes one.
 *
 * @param fixedBatch the rows every run must have (exports traced with a fixed batch), 0 for any
 */
record ModelInputs(Set<String> names, boolean int32, int fixedBatch) {

  /** {@code batch} with as many rows as the graph takes: repeats of its first row added, for the caller to drop. */
  TokenBatch fed(TokenBatch batch) {
    return fixedBatch > batch.size() ? batch.paddedTo(fixedBatch) : batch;
  }

  /** Most rows a batch may have: the fixed batch, or {@code wanted}. */
  int rows(int wanted) {
    return fixedBatch > 0 ? fixedBatch : wanted;
  }


  static ModelInputs of(OrtSession session) throws OrtException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    NodeInfo ids = inputs.get("input_ids");
    if (ids == null) {
      throw new IllegalStateException("the model has no input named 'input_ids'; its inputs are " + inputs.keySet());
    }
    TensorInfo info = (TensorInfo) ids.getInfo();
    OnnxJavaType type = info.type;
    if (type != OnnxJavaType.INT64 && type != OnnxJavaType.INT32) {
      throw new IllegalStateException("the model's input 'input_ids' is " + type + "; m3search feeds int64 or int32 ids");
    }
    long batch = info.getShape().length == 2 ? info.getShape()[0] : -1;
    return new ModelInputs(inputs.keySet(), type == OnnxJavaType.INT32, batch > 0 ? Math.toIntExact(batch) : 0);
  }
}
