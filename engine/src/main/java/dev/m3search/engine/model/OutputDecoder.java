package dev.m3search.engine.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the ONNX outputs of one batch into per-text encodings, following a model layout. Shapes are
 * checked, never inferred from buffer sizes.
 */
sealed interface OutputDecoder {

  /**
   * Encodings of the batch's rows, in row order; {@code truncated} is indexed by position. The
   * {@code prefixTokens} tokens after CLS are a prefix: part of the dense vector, left out of the
   * token vectors and learned weights.
   */
  TextEncoding[] decode(OrtSession.Result result, TokenBatch batch, boolean[] truncated, int prefixTokens)
      throws OrtException;

  /** The dense dimension, from the session's declared outputs, after checking every output's shape. */
  int denseDimension();

  int tokenDimension();

  /**
   * The decoder of {@code spec}'s layout; {@code heads} runs the m3-heads layout's heads (null for
   * the others). The m3 layout's ColBERT rows are checked on the {@code probe} text here, before
   * any batch.
   */
  static OutputDecoder open(ModelSpec spec, OrtSession session, OrtSession heads, ShapeProbe probe) throws OrtException {
    OutputShapes shapes = new OutputShapes(spec.layout());
    OutputNames names = spec.outputs();
    return switch (spec.layout()) {
      case M3 -> {
        require(names.dense(), "dense");
        require(names.sparse(), "sparse");
        require(names.colbert(), "colbert");
        int dense = shapes.declaredLastDimension(session, names.dense(), 2, OutputShapes.ANY, probe);
        shapes.declaredLastDimension(session, names.sparse(), 3, 1, probe);
        int colbert = shapes.declaredLastDimension(session, names.colbert(), 3, OutputShapes.ANY, probe);
        M3Layout layout = new M3Layout(names, spec.specialTokens(), shapes, dense, colbert);
        layout.checkColbertRows(probe.shape(names.colbert()), probe.rows(), probe.width());
        yield layout;
      }
      case HIDDEN_STATE -> {
        require(names.hiddenState(), "hiddenState");
        int hidden = shapes.declaredLastDimension(session, names.hiddenState(), 3, OutputShapes.ANY, probe);
        yield new HiddenStateLayout(
            names.hiddenState(), spec.settings().pooling(), spec.specialTokens(), shapes, hidden,
            spec.settings().hasTokenVectors());
      }
      case M3_HEADS -> {
        require(names.hiddenState(), "hiddenState");
        ModelHeads weights = spec.heads();
        int hidden = shapes.declaredLastDimension(session, names.hiddenState(), 3, OutputShapes.ANY, probe);
        if (hidden != OutputShapes.ANY && hidden != weights.inputs()) {
          throw new IllegalStateException(
              "model output '" + names.hiddenState() + "' has states of " + hidden + " dimensions; the heads take " + weights.inputs());
        }
        yield new HeadsLayout(names.hiddenState(), weights.inputs(), weights.colbert().outputs(), heads, spec.specialTokens(), shapes);
      }
    };
  }

  private static void require(String name, String key) {
    if (name == null) {
      throw new IllegalStateException(
          "\"outputs\" in " + ModelSpec.CONFIG_FILE + " must name the \"" + key + "\" output for this layout");
    }
  }

  /**
   * A text's learned weights by token id, FlagEmbedding's way: the largest weight of each id
   * over its positions, relu'd (weights ≤ 0 dropped), special ids and the prefix's positions left
   * out; {@code weightAt} gives position {@code t}'s raw weight.
   */
  private static Map<Integer, Float> learnedWeights(
      long[] ids, int length, int prefixTokens, SpecialTokens special, java.util.function.IntToDoubleFunction weightAt) {
    Map<Integer, Float> weights = new HashMap<>();
    for (int t = 0; t < length; t++) {
      if (t >= 1 && t <= prefixTokens) {
        continue;
      }
      float w = (float) weightAt.applyAsDouble(t);
      if (w > 0 && !special.isSpecial(ids[t])) {
        weights.merge((int) ids[t], w, Math::max);
      }
    }
    return weights;
  }

  private static OnnxTensor output(OrtSession.Result result, String name) {
    return (OnnxTensor)
        result.get(name).orElseThrow(() -> new IllegalStateException("the model returned no output named '" + name + "'"));
  }

  /**
   * BGE-M3 semantics (FlagEmbedding's {@code BGEM3FlagModel}): dense = normalised; sparse =
   * relu, max per token id, special ids and weights ≤ 0 dropped; ColBERT = rows for positions
   * 1..len-1 (CLS skipped, or its row dropped when the export keeps it; padding masked),
   * normalised. Applying relu and normalisation here keeps exports correct whether or not they
   * already did.
   */
  record M3Layout(OutputNames names, SpecialTokens special, OutputShapes shapes, int denseDimension, int tokenDimension)
      implements OutputDecoder {
    @Override
    public TextEncoding[] decode(OrtSession.Result result, TokenBatch batch, boolean[] truncated, int prefixTokens)
        throws OrtException {
      int rows = batch.size();
      int width = batch.width();
      OnnxTensor denseTensor = output(result, names.dense());
      OnnxTensor sparseTensor = output(result, names.sparse());
      OnnxTensor colbertTensor = output(result, names.colbert());
      shapes.check(denseTensor, names.dense(), rows, denseDimension);
      if (sparseTensor.getInfo().getShape().length == 2) {
        shapes.check(sparseTensor, names.sparse(), rows, width);
      } else {
        shapes.check(sparseTensor, names.sparse(), rows, width, 1);
      }
      boolean withCls = names.colbertIncludesCls();
      int colbertRows = withCls ? width : width - 1;
      checkColbertRows(colbertTensor.getInfo().getShape(), rows, width);
      FloatBuffer dense = denseTensor.getFloatBuffer();
      FloatBuffer sparse = sparseTensor.getFloatBuffer();
      FloatBuffer colbert = colbertTensor.getFloatBuffer();
      TextEncoding[] out = new TextEncoding[rows];
      for (int r = 0; r < rows; r++) {
        int length = batch.lengths()[r];
        float[] denseVector = Vectors.normalizedRow(dense, r * denseDimension, denseDimension);
        int row = r;
        Map<Integer, Float> weights =
            learnedWeights(batch.ids()[r], length, prefixTokens, special, t -> sparse.get(row * width + t));
        float[][] tokens =
            Vectors.normalizedRows(
                colbert, r * colbertRows * tokenDimension, (withCls ? 1 : 0) + prefixTokens, withCls ? length : length - 1,
                tokenDimension);
        out[r] = new TextEncoding(denseVector, weights, tokens, truncated[batch.positions()[r]]);
      }
      return out;
    }

    /**
     * Checks that a ColBERT output of {@code shape} for {@code rows} texts padded to {@code width}
     * has the rows this export was declared with; an export that keeps the CLS row undeclared is
     * told how to declare it.
     */
    void checkColbertRows(long[] shape, int rows, int width) {
      boolean withCls = names.colbertIncludesCls();
      if (!withCls && shape.length == 3 && shape[1] == width) {
        throw new IllegalStateException(
            "model output '" + names.colbert() + "' has shape " + java.util.Arrays.toString(shape) + " for "
                + rows + " text(s) of " + width + " tokens; the m3 layout expects [" + rows + ", " + (width - 1) + ", "
                + tokenDimension + "]: the export keeps the CLS row, so set \"colbertIncludesCls\": true in "
                + ModelSpec.CONFIG_FILE);
      }
      shapes.check(shape, names.colbert(), rows, withCls ? width : width - 1, tokenDimension);
    }
  }

  /**
   * An encoder's hidden states: dense = the CLS state, the mean of every state the attention mask
   * covers, or the last real token's state, normalised; token vectors, where asked for = the
   * normalised states of every token but a leading CLS, the prefix and a final SEP or EOS (a
   * decoder's text has no CLS); no learned sparse weights. Rows may be padded on either side.
   */
  record HiddenStateLayout(
      String hiddenState, Pooling pooling, SpecialTokens special, OutputShapes shapes, int dimension, boolean tokenVectors)
      implements OutputDecoder {
    private static final float[][] NO_TOKENS = new float[0][];

    @Override
    public TextEncoding[] decode(OrtSession.Result result, TokenBatch batch, boolean[] truncated, int prefixTokens)
        throws OrtException {
      int rows = batch.size();
      int width = batch.width();
      OnnxTensor tensor = output(result, hiddenState);
      shapes.check(tensor, hiddenState, rows, width, dimension);
      FloatBuffer states = tensor.getFloatBuffer();
      TextEncoding[] out = new TextEncoding[rows];
      for (int r = 0; r < rows; r++) {
        int base = (r * width + batch.start(r)) * dimension;
        int length = batch.lengths()[r];
        float[] dense = switch (pooling) {
          case CLS -> Vectors.normalizedRow(states, base, dimension);
          case MEAN -> Vectors.normalizedMean(states, base, length, dimension);
          case LAST_TOKEN -> Vectors.normalizedRow(states, base + (length - 1) * dimension, dimension);
        };
        float[][] tokens = tokenVectors ? tokenRows(states, base, batch.tokens(r), prefixTokens) : NO_TOKENS;
        out[r] = new TextEncoding(dense, null, tokens, truncated[batch.positions()[r]]);
      }
      return out;
    }

    private float[][] tokenRows(FloatBuffer states, int base, long[] ids, int prefixTokens) {
      int length = ids.length;
      int first = (length > 0 && ids[0] == special.cls() ? 1 : 0) + prefixTokens;
      int end = length > first && ids[length - 1] == special.eos() ? length - 1 : length;
      return Vectors.normalizedRows(states, base, first, end, dimension);
    }

    @Override
    public int denseDimension() {
      return dimension;
    }

    /** The states' dimension, or 0 for a model whose texts give no token vectors. */
    @Override
    public int tokenDimension() {
      return tokenVectors ? dimension : 0;
    }
  }

  /**
   * BGE-M3 from its encoder's hidden states and its published heads, with FlagEmbedding's
   * semantics: dense = the CLS state, normalised; sparse = {@code relu(sparse_linear(h))}, max per
   * token id, special ids and weights ≤ 0 dropped; ColBERT = {@code colbert_linear(h)} for the
   * positions after CLS up to the text's length, normalised.
   */
  record HeadsLayout(
      String hiddenState, int denseDimension, int tokenDimension, OrtSession heads, SpecialTokens special, OutputShapes shapes)
      implements OutputDecoder {
    @Override
    public TextEncoding[] decode(OrtSession.Result result, TokenBatch batch, boolean[] truncated, int prefixTokens)
        throws OrtException {
      int rows = batch.size();
      int width = batch.width();
      int dimension = denseDimension;
      OnnxTensor tensor = output(result, hiddenState);
      shapes.check(tensor, hiddenState, rows, width, dimension);
      FloatBuffer states = tensor.getFloatBuffer();
      // every real token of the batch through the heads at once: one matrix product per head
      int[] start = new int[rows + 1];
      for (int r = 0; r < rows; r++) {
        start[r + 1] = start[r] + batch.lengths()[r];
      }
      FloatBuffer tokens = FloatBuffer.allocate(start[rows] * dimension);
      for (int r = 0; r < rows; r++) {
        tokens.put(states.slice(r * width * dimension, batch.lengths()[r] * dimension));
      }
      tokens.flip();
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OnnxTensor input = OnnxTensor.createTensor(env, tokens, new long[] {start[rows], dimension});
          OrtSession.Result heads = this.heads.run(Map.of(HeadsGraph.STATES, input))) {
        FloatBuffer colbert = output(heads, HeadsGraph.COLBERT).getFloatBuffer();
        FloatBuffer sparse = output(heads, HeadsGraph.SPARSE).getFloatBuffer();
        TextEncoding[] out = new TextEncoding[rows];
        for (int r = 0; r < rows; r++) {
          int length = batch.lengths()[r];
          int first = start[r];
          Map<Integer, Float> weights =
              learnedWeights(batch.ids()[r], length, prefixTokens, special, t -> sparse.get(first + t));
          float[][] vectors =
              Vectors.normalizedRows(colbert, start[r] * tokenDimension, 1 + prefixTokens, length, tokenDimension);
          float[] dense = Vectors.normalizedRow(states, r * width * dimension, dimension);
          out[r] = new TextEncoding(dense, weights, vectors, truncated[batch.positions()[r]]);
        }
        return out;
      }
    }
  }
}
