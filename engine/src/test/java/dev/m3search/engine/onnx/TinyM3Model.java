package dev.m3search.engine.onnx;

import static dev.m3search.engine.onnx.OnnxModelWriter.FLOAT;
import static dev.m3search.engine.onnx.OnnxModelWriter.INT64;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny model in the BGE-M3 export layout, with known weights, so tests can compute every output
 * by hand. Hidden state {@code h_t = E[id_t] + pos_t · p} where {@code pos_t} is the cumulative
 * attention mask (1, 2, ... along the text, then constant over padding). Outputs, raw as an
 * export might leave them: {@code dense_vecs = h_0 · Wd} (not normalised), {@code sparse_vecs =
 * h_t · ws + bs} (no relu), {@code colbert_vecs = h_{1..T-1} · Wc} (padding not masked, not
 * normalised).
 */
public final class TinyM3Model {
  public static final List<String> VOCAB =
      List.of(
          "<s>", "<pad>", "</s>", "<unk>", "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",
          "theta", "iota", "kappa", "lambda", "mu");
  public static final int CLS = 0;
  public static final int PAD = 1;
  public static final int EOS = 2;
  public static final int UNK = 3;
  public static final int HIDDEN = 4;
  /** The model's maximum length in tokens, CLS and EOS included. */
  public static final int MAX_TOKENS = 12;

  public static final float[][] E = new float[VOCAB.size()][HIDDEN];
  public static final float[] P = {0.05f, -0.03f, 0.02f, 0.01f};
  public static final float[][] WD = new float[HIDDEN][HIDDEN];
  public static final float[][] WC = new float[HIDDEN][HIDDEN];
  public static final float[] WS = {0.6f, -0.4f, 0.3f, 0.2f};
  public static final float BS = 0.1f;

  static {
    for (int i = 0; i < E.length; i++) {
      for (int j = 0; j < HIDDEN; j++) {
        E[i][j] = (float) Math.sin(1.3 * i + 0.7 * j);
      }
    }
    for (int i = 0; i < HIDDEN; i++) {
      for (int j = 0; j < HIDDEN; j++) {
        WD[i][j] = (i == j ? 1f : 0f) + 0.1f * (i - j);
        WC[i][j] = (i == j ? 0.5f : 0f) + 0.2f * ((i * 3 + j) % 4) - 0.3f;
      }
    }
  }

  private TinyM3Model() {}

  /**
   * How to write the model.
   *
   * @param name the {@code name} in {@code m3search.json}; null to leave it out (the folder names the model)
   * @param externalData whether the weights go to {@code model.onnx_data} beside {@code model.onnx}
   * @param colbertKeepsCls a broken export whose ColBERT output is {@code (B, T, D)}, CLS row included
   * @param queryPrefix the {@code queryPrefix} in {@code m3search.json}; null to leave it out
   * @param hiddenStateOnly the encoder alone, as BAAI's {@code onnx/} export of BGE-M3: one output,
   *     {@code last_hidden_state}, the states {@link #hidden} gives
   * @param int32Inputs ids and mask declared int32, as some exports take them
   * @param symbolicDimensions the outputs' vector dimensions declared by name, not by size
   * @param fixedBatch the batch size the inputs declare, as an export traced with one does; 0 for a symbolic batch
   * @param sparseTwoAxes sparse weights {@code (B, T)} rather than {@code (B, T, 1)}, as some exports give them
   */
  public record Options(
      String name, boolean externalData, boolean colbertKeepsCls, String queryPrefix, boolean hiddenStateOnly,
      boolean int32Inputs, boolean symbolicDimensions, int fixedBatch, boolean sparseTwoAxes) {
    public static final Options DEFAULT = new Options("tiny-m3", false, false, null, false, false, false, 0, false);

    public Options withFixedBatch(int rows) {
      return new Options(name, externalData, colbertKeepsCls, queryPrefix, hiddenStateOnly, int32Inputs, symbolicDimensions, rows, sparseTwoAxes);
    }

    public Options withSparseOnTwoAxes() {
      return new Options(name, externalData, colbertKeepsCls, queryPrefix, hiddenStateOnly, int32Inputs, symbolicDimensions, fixedBatch, true);
    }

    public Options withInt32Inputs() {
      return new Options(name, externalData, colbertKeepsCls, queryPrefix, hiddenStateOnly, true, symbolicDimensions, fixedBatch, sparseTwoAxes);
    }

    public Options withSymbolicDimensions() {
      return new Options(name, externalData, colbertKeepsCls, queryPrefix, hiddenStateOnly, int32Inputs, true, fixedBatch, sparseTwoAxes);
    }

    public Options withName(String other) {
      return new Options(other, externalData, colbertKeepsCls, queryPrefix, hiddenStateOnly, int32Inputs, symbolicDimensions, fixedBatch, sparseTwoAxes);
    }

    public Options withExternalData() {
      return new Options(name, true, colbertKeepsCls, queryPrefix, hiddenStateOnly, int32Inputs, symbolicDimensions, fixedBatch, sparseTwoAxes);
    }

    public Options withColbertKeepingCls() {
      return new Options(name, externalData, true, queryPrefix, hiddenStateOnly, int32Inputs, symbolicDimensions, fixedBatch, sparseTwoAxes);
    }

    public Options withQueryPrefix(String prefix) {
      return new Options(name, externalData, colbertKeepsCls, prefix, hiddenStateOnly, int32Inputs, symbolicDimensions, fixedBatch, sparseTwoAxes);
    }

    public Options withHiddenStateOnly() {
      return new Options(name, externalData, colbertKeepsCls, queryPrefix, true, int32Inputs, symbolicDimensions, fixedBatch, sparseTwoAxes);
    }
  }

  /** Writes {@code model.onnx}, {@code tokenizer.json} and {@code m3search.json} into {@code dir}. */
  public static Path writeTo(Path dir) throws IOException {
    return writeTo(dir, Options.DEFAULT);
  }

  public static Path writeTo(Path dir, Options options) throws IOException {
    Files.createDirectories(dir);
    graph(options).write(dir.resolve("model.onnx"));
    Files.writeString(dir.resolve("tokenizer.json"), WordLevelTokenizerJson.of(VOCAB, UNK + 1, "<unk>", 0));
    StringBuilder config = new StringBuilder(
        "{\"layout\": \"" + (options.hiddenStateOnly() ? "m3-heads" : "m3") + "\", \"maxTokens\": " + MAX_TOKENS);
    if (options.name() != null) {
      config.append(", \"name\": \"").append(options.name()).append('"');
    }
    if (options.queryPrefix() != null) {
      config.append(", \"queryPrefix\": \"").append(options.queryPrefix()).append('"');
    }
    Files.writeString(dir.resolve("m3search.json"), config.append('}').toString());
    return dir;
  }

  private static OnnxModelWriter graph(Options options) {
    if (options.hiddenStateOnly()) {
      return hiddenStateGraph();
    }
    long[] square = {HIDDEN, HIDDEN};
    OnnxModelWriter writer = new OnnxModelWriter();
    if (options.externalData()) {
      writer.externalData("model.onnx_data");
    }
    int ids = options.int32Inputs() ? OnnxModelWriter.INT32 : INT64;
    Object vector = options.symbolicDimensions() ? "hidden" : (Object) (long) HIDDEN;
    Object batch = options.fixedBatch() > 0 ? (Object) (long) options.fixedBatch() : "batch";
    return writer
        .input("input_ids", ids, batch, "seq")
        .input("attention_mask", ids, batch, "seq")
        .output("dense_vecs", FLOAT, "batch", vector)
        .output("sparse_vecs", FLOAT, options.sparseTwoAxes() ? new Object[] {"batch", "seq"} : new Object[] {"batch", "seq", 1L})
        .output("colbert_vecs", FLOAT, "batch", "seq_minus_one", vector)
        .floats("E", new long[] {E.length, HIDDEN}, flat(E))
        .floats("P", new long[] {HIDDEN}, P)
        .floats("Wd", square, flat(WD))
        .floats("Wc", square, flat(WC))
        .floats("ws", new long[] {HIDDEN, 1}, WS)
        .floats("bs", new long[] {1}, BS)
        .longs("axis1", new long[0], 1)
        .longs("axes2", new long[] {1}, 2)
        .longs("zero", new long[0], 0)
        .longs("starts", new long[] {1}, options.colbertKeepsCls() ? 0 : 1)
        .longs("ends", new long[] {1}, Long.MAX_VALUE)
        .longs("sliceAxes", new long[] {1}, 1)
        .node("Gather", List.of("E", "input_ids"), List.of("emb"), OnnxModelWriter.intAttribute("axis", 0))
        .node("CumSum", List.of("attention_mask", "axis1"), List.of("pos_i"))
        .node("Cast", List.of("pos_i"), List.of("pos_f"), OnnxModelWriter.intAttribute("to", FLOAT))
        .node("Unsqueeze", List.of("pos_f", "axes2"), List.of("pos3"))
        .node("Mul", List.of("pos3", "P"), List.of("pos_emb"))
        .node("Add", List.of("emb", "pos_emb"), List.of("h"))
        .node("Gather", List.of("h", "zero"), List.of("cls"), OnnxModelWriter.intAttribute("axis", 1))
        .node("MatMul", List.of("cls", "Wd"), List.of("dense_vecs"))
        .node("MatMul", List.of("h", "ws"), List.of("sparse_raw"))
        .node("Add", List.of("sparse_raw", "bs"), List.of(options.sparseTwoAxes() ? "sparse_3d" : "sparse_vecs"))
        .node("Slice", List.of("h", "starts", "ends", "sliceAxes"), List.of("tail"))
        .node("MatMul", List.of("tail", "Wc"), List.of("colbert_vecs"))
        .nodeIf(options.sparseTwoAxes(), "Squeeze", List.of("sparse_3d", "axes2"), List.of("sparse_vecs"));
  }

  /** The encoder alone: {@code last_hidden_state}, the states {@link #hidden} gives. */
  private static OnnxModelWriter hiddenStateGraph() {
    return new OnnxModelWriter()
        .input("input_ids", INT64, "batch", "seq")
        .input("attention_mask", INT64, "batch", "seq")
        .output("last_hidden_state", FLOAT, "batch", "seq", (long) HIDDEN)
        .floats("E", new long[] {E.length, HIDDEN}, flat(E))
        .floats("P", new long[] {HIDDEN}, P)
        .longs("axis1", new long[0], 1)
        .longs("axes2", new long[] {1}, 2)
        .node("Gather", List.of("E", "input_ids"), List.of("emb"), OnnxModelWriter.intAttribute("axis", 0))
        .node("CumSum", List.of("attention_mask", "axis1"), List.of("pos_i"))
        .node("Cast", List.of("pos_i"), List.of("pos_f"), OnnxModelWriter.intAttribute("to", FLOAT))
        .node("Unsqueeze", List.of("pos_f", "axes2"), List.of("pos3"))
        .node("Mul", List.of("pos3", "P"), List.of("pos_emb"))
        .node("Add", List.of("emb", "pos_emb"), List.of("last_hidden_state"));
  }

  /** Hidden state of position {@code t} of a text of {@code length} real tokens. */
  public static float[] hidden(long[] ids, int length, int t) {
    float pos = Math.min(t + 1, length);
    float[] h = new float[HIDDEN];
    for (int j = 0; j < HIDDEN; j++) {
      h[j] = E[(int) ids[t]][j] + pos * P[j];
    }
    return h;
  }

  /** {@code dense_vecs} of a text, before normalisation. */
  public static float[] rawDense(long[] ids, int length) {
    return times(hidden(ids, length, 0), WD);
  }

  /** {@code sparse_vecs[t]}, before relu. */
  public static float rawSparse(long[] ids, int length, int t) {
    float[] h = hidden(ids, length, t);
    float w = BS;
    for (int j = 0; j < HIDDEN; j++) {
      w += h[j] * WS[j];
    }
    return w;
  }

  /** {@code colbert_vecs} row for position {@code t} (≥ 1), before normalisation. */
  public static float[] rawColbert(long[] ids, int length, int t) {
    return times(hidden(ids, length, t), WC);
  }

  private static float[] times(float[] v, float[][] m) {
    float[] out = new float[m[0].length];
    for (int j = 0; j < out.length; j++) {
      for (int i = 0; i < v.length; i++) {
        out[j] += v[i] * m[i][j];
      }
    }
    return out;
  }

  static float[] flat(float[][] m) {
    float[] out = new float[m.length * m[0].length];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
    }
    return out;
  }
}
