package dev.m3search.engine.model;

/**
 * Names of the ONNX outputs each leg is read from; null where the layout has none.
 *
 * @param dense {@code (B, D)} dense vectors (m3 layout)
 * @param sparse {@code (B, T, 1)} sparse weights (m3 layout)
 * @param colbert {@code (B, T-1, D)} ColBERT vectors (m3 layout), or {@code (B, T, D)} with the CLS
 *     row when {@code colbertIncludesCls}
 * @param hiddenState {@code (B, T, H)} last hidden state (hidden-state layout)
 * @param colbertIncludesCls whether the ColBERT output keeps the CLS position's row, as raw
 *     three-head exports do; m3search drops it
 */
public record OutputNames(String dense, String sparse, String colbert, String hiddenState, boolean colbertIncludesCls) {
  public OutputNames(String dense, String sparse, String colbert, String hiddenState) {
    this(dense, sparse, colbert, hiddenState, false);
  }

  public OutputNames withColbertIncludingCls(boolean includes) {
    return new OutputNames(dense, sparse, colbert, hiddenState, includes);
  }

  public static final OutputNames M3_DEFAULT = new OutputNames("dense_vecs", "sparse_vecs", "colbert_vecs", null);
  public static final OutputNames HIDDEN_DEFAULT = new OutputNames(null, null, null, "last_hidden_state");

  public static OutputNames defaults(ModelLayout layout) {
    return layout.outputsHiddenStates() ? HIDDEN_DEFAULT : M3_DEFAULT;
  }
}
