package dev.m3search.engine.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/** Turns the ONNX outputs of one batch into per-text encodings, following a model layout. */
sealed interface OutputDecoder {

  /** Encodings of the batch's rows, in row order; {@code truncated} is indexed by position. */
  TextEncoding[] decode(OrtSession.Result result, TokenBatch batch, boolean[] truncated) throws OrtException;

  /** The last dimension of the dense output. */
  int denseDimension(OrtSession session) throws OrtException;

  /** The last dimension of the token-vector output. */
  int tokenDimension(OrtSession session) throws OrtException;

  static OutputDecoder of(ModelSpec spec) {
    return switch (spec.layout()) {
      case M3 -> new M3Layout(spec.outputs(), spec.specialTokens());
      case HIDDEN_STATE -> new HiddenStateLayout(spec.outputs().hiddenState());
    };
  }

  private static FloatBuffer output(OrtSession.Result result, String name) throws OrtException {
    var value =
        result
            .get(name)
            .orElseThrow(() -> new IllegalStateException("the model has no output named '" + name + "'"));
    return ((OnnxTensor) value).getFloatBuffer();
  }

  private static int lastDimension(OrtSession session, String output) throws OrtException {
    var info = session.getOutputInfo().get(output);
    if (info == null) {
      throw new IllegalStateException(
          "the model has no output named '" + output + "'; it has " + session.getOutputNames());
    }
    long[] shape = ((ai.onnxruntime.TensorInfo) info.getInfo()).getShape();
    return (int) shape[shape.length - 1];
  }

  /**
   * BGE-M3 semantics (FlagEmbedding's {@code BGEM3FlagModel}): dense = normalised; sparse =
   * relu, max per token id, special ids and weights ≤ 0 dropped; ColBERT = rows for positions
   * 1..len-1 (CLS skipped, padding masked), normalised. Applying relu and normalisation here keeps
   * exports correct whether or not they already did.
   */
  record M3Layout(ModelSpec.OutputNames names, SpecialTokens special) implements OutputDecoder {
    @Override
    public TextEncoding[] decode(OrtSession.Result result, TokenBatch batch, boolean[] truncated)
        throws OrtException {
      FloatBuffer dense = output(result, names.dense());
      FloatBuffer sparse = output(result, names.sparse());
      FloatBuffer colbert = output(result, names.colbert());
      int rows = batch.size();
      int width = batch.width();
      int denseDim = dense.remaining() / rows;
      int colbertDim = width > 1 ? colbert.remaining() / (rows * (width - 1)) : 0;
      TextEncoding[] out = new TextEncoding[rows];
      for (int r = 0; r < rows; r++) {
        int length = batch.lengths()[r];
        float[] denseVector = Vectors.normalizedRow(dense, r * denseDim, denseDim);
        Map<Integer, Float> weights = new HashMap<>();
        for (int t = 0; t < length; t++) {
          long id = batch.ids()[r][t];
          float w = sparse.get(r * width + t);
          if (w > 0 && !special.isSpecial(id)) {
            weights.merge((int) id, w, Math::max);
          }
        }
        float[][] tokens =
            Vectors.normalizedRows(colbert, r * (width - 1) * colbertDim, 0, length - 1, colbertDim);
        out[r] = new TextEncoding(denseVector, weights, tokens, truncated[batch.positions()[r]]);
      }
      return out;
    }

    @Override
    public int denseDimension(OrtSession session) throws OrtException {
      return lastDimension(session, names.dense());
    }

    @Override
    public int tokenDimension(OrtSession session) throws OrtException {
      return lastDimension(session, names.colbert());
    }
  }

  /**
   * An encoder's hidden states: dense = CLS state, normalised; token vectors = the normalised
   * states of every token but CLS and the final SEP; no learned sparse weights.
   */
  record HiddenStateLayout(String hiddenState) implements OutputDecoder {
    @Override
    public TextEncoding[] decode(OrtSession.Result result, TokenBatch batch, boolean[] truncated)
        throws OrtException {
      FloatBuffer states = output(result, hiddenState);
      int rows = batch.size();
      int width = batch.width();
      int dim = states.remaining() / (rows * width);
      TextEncoding[] out = new TextEncoding[rows];
      for (int r = 0; r < rows; r++) {
        int base = r * width * dim;
        float[] cls = Vectors.normalizedRow(states, base, dim);
        float[][] tokens = Vectors.normalizedRows(states, base, 1, batch.lengths()[r] - 1, dim);
        out[r] = new TextEncoding(cls, null, tokens, truncated[batch.positions()[r]]);
      }
      return out;
    }

    @Override
    public int denseDimension(OrtSession session) throws OrtException {
      return lastDimension(session, hiddenState);
    }

    @Override
    public int tokenDimension(OrtSession session) throws OrtException {
      return lastDimension(session, hiddenState);
    }
  }
}
