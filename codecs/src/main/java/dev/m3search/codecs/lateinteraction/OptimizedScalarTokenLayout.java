package dev.m3search.codecs.lateinteraction;

import dev.m3search.codecs.vectors.ReproducibleDotProduct;
import java.io.IOException;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer.QuantizationResult;

/**
 * Token codes from Lucene's {@link OptimizedScalarQuantizer} around the segment centroid: each
 * token keeps its codes and four correction terms (interval bounds, its dot product with the
 * centroid, the sum of its codes), stored after the document's codes as four arrays.
 *
 * <p>A document token reads back as {@code d ≈ c + a_d + l_d·x} (interval start {@code a_d}, step
 * {@code l_d}, codes {@code x}). Each query token's residual {@code r = q − c} is quantised per
 * segment by {@link QueryCodes}, {@code r ≈ a_r + l_r·y}, and a pair is estimated as
 *
 * <pre>q·d ≈ ⟨d,c⟩ + a_d·Σr + l_d·a_r·Σx + l_d·l_r·⟨x,y⟩ + (q·c − c·c)</pre>
 *
 * with {@code Σr} and {@code q·c} exact in float; the last term is the same for every document
 * token, so it is added after the maximum. Quantising the query once per query around zero
 * instead would save about 0.3 µs per query token and segment, but cost 0.002 nDCG@10 on
 * msmarco-5k in 2bit: the centroid holds the components all tokens share, and removing it narrows
 * the query's interval.
 */
abstract class OptimizedScalarTokenLayout extends TokenLayout {
  static final int CORRECTION_BYTES = 4 * Float.BYTES;

  final byte docBits;
  final byte queryBits;
  private final Centroid accumulator;
  float[] centroid;
  float centroidDot;

  OptimizedScalarTokenLayout(int dimension, int docBits, int queryBits) {
    super(dimension);
    this.docBits = (byte) docBits;
    this.queryBits = (byte) queryBits;
    this.accumulator = new Centroid(dimension);
  }

  /** Length of the unpacked code arrays the quantiser fills. */
  abstract int discreteDimensions();

  @Override
  int statisticsPasses() {
    return 1;
  }

  @Override
  void observe(int pass, float[][] tokens) {
    accumulator.add(tokens);
  }

  @Override
  void finishPass(int pass) {
    setCentroid(accumulator.mean());
  }

  private void setCentroid(float[] centroid) {
    this.centroid = centroid;
    this.centroidDot = ReproducibleDotProduct.dotProduct(centroid, centroid);
  }

  @Override
  void writeStatistics(DataOutput meta) throws IOException {
    writeFloats(meta, centroid);
  }

  @Override
  void readStatistics(DataInput meta) throws IOException {
    setCentroid(readFloats(meta, dimension));
  }

  static OptimizedScalarQuantizer quantizer() {
    return new OptimizedScalarQuantizer(VectorSimilarityFunction.DOT_PRODUCT);
  }

  /** Codes of a document: its tokens' unpacked codes in order, then {@link #writeCodes}. */
  @Override
  final void encode(float[][] tokens, DataOutput out) throws IOException {
    OptimizedScalarQuantizer quantizer = quantizer();
    byte[][] codes = new byte[tokens.length][discreteDimensions()];
    QuantizationResult[] corrections = new QuantizationResult[tokens.length];
    for (int j = 0; j < tokens.length; j++) {
      float[] copy = tokens[j].clone(); // the quantiser centres its input in place
      corrections[j] = quantizer.scalarQuantize(copy, codes[j], docBits, centroid);
    }
    writeCodes(codes, out);
    for (QuantizationResult c : corrections) {
      out.writeInt(Float.floatToIntBits(c.lowerInterval()));
    }
    for (QuantizationResult c : corrections) {
      out.writeInt(Float.floatToIntBits(c.upperInterval()));
    }
    for (QuantizationResult c : corrections) {
      out.writeInt(Float.floatToIntBits(c.additionalCorrection()));
    }
    for (QuantizationResult c : corrections) {
      out.writeInt(c.quantizedComponentSum());
    }
  }

  abstract void writeCodes(byte[][] codes, DataOutput out) throws IOException;

  /** Reads a document's codes into the layout's scratch, ready for {@link #code} and scoring. */
  abstract void readCodes(IndexInput in, int tokens, Scratch scratch) throws IOException;

  /** Unpacked code {@code i} of token {@code j} in the scratch. */
  abstract int code(Scratch scratch, int tokens, int j, int i);

  @Override
  final void decode(IndexInput in, int tokens, float[][] into) throws IOException {
    Scratch scratch = new Scratch();
    scratch.read(this, in, tokens);
    float step = 1f / ((1 << docBits) - 1);
    for (int j = 0; j < tokens; j++) {
      float lower = scratch.lower[j];
      float width = (scratch.upper[j] - lower) * step;
      for (int i = 0; i < dimension; i++) {
        into[j][i] = centroid[i] + lower + width * code(scratch, tokens, j, i);
      }
    }
  }

  /** The query's tokens less this segment's centroid, quantised. */
  final QueryCodes[] queryCodes(float[][] query) {
    return QueryCodes.of(query, centroid, queryBits, discreteDimensions());
  }

  /** {@code q·c − c·c} of every query token with this segment's centroid. */
  final float[] centroidDots(float[][] query) {
    float[] dots = new float[query.length];
    for (int t = 0; t < dots.length; t++) {
      dots[t] = ReproducibleDotProduct.dotProduct(query[t], centroid) - centroidDot;
    }
    return dots;
  }

  /** Per-document scratch: codes (layout-specific) and correction terms, reused across documents. */
  static final class Scratch {
    byte[][] byteCodes = new byte[0][];
    long[] planes = new long[0];
    float[] lower = new float[0];
    float[] upper = new float[0];
    float[] additional = new float[0];
    int[] codeSum = new int[0];
    /** Query-independent parts of each token's estimate: the step {@code l_d} and {@code l_d·Σx}. */
    float[] width = new float[0];
    float[] widthTimesSum = new float[0];
    int[] dots = new int[0];

    /**
     * Slots past the last token that vector kernels may read: their {@code additional} is −∞, so
     * a lane there never wins a maximum and the kernels need no masks.
     */
    static final int PADDING = BitPlanes.PADDING;

    void read(OptimizedScalarTokenLayout layout, IndexInput in, int tokens) throws IOException {
      if (lower.length < tokens + PADDING) {
        int size = ArrayUtil.oversize(tokens + PADDING, Float.BYTES);
        lower = new float[size];
        upper = new float[size];
        additional = new float[size];
        codeSum = new int[size];
        width = new float[size];
        widthTimesSum = new float[size];
        dots = new int[size];
      }
      layout.readCodes(in, tokens, this);
      in.readFloats(lower, 0, tokens);
      in.readFloats(upper, 0, tokens);
      in.readFloats(additional, 0, tokens);
      java.util.Arrays.fill(additional, tokens, tokens + PADDING, Float.NEGATIVE_INFINITY);
      in.readInts(codeSum, 0, tokens);
      float step = 1f / ((1 << layout.docBits) - 1);
      for (int j = 0; j < tokens; j++) {
        width[j] = (upper[j] - lower[j]) * step;
        widthTimesSum[j] = width[j] * codeSum[j];
      }
    }
  }

  /**
   * The estimated {@code q·d − q·c} of query token {@code q} and document token {@code j}, given
   * their code dot product.
   */
  static float estimate(QueryCodes q, Scratch d, int j, int codeDot) {
    return d.additional[j] + d.lower[j] * q.sum() + d.widthTimesSum[j] * q.lower() + d.width[j] * q.width() * codeDot;
  }
}
