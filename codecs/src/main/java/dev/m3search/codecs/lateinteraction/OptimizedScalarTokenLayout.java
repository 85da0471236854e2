package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer.QuantizationResult;

/**
 * Token codes from Lucene's {@link OptimizedScalarQuantizer} around the segment centroid: each
 * token keeps its codes and four correction terms (interval bounds, its dot product with the
 * centroid, the sum of its codes), stored after the document's codes as four arrays. A query token
 * is quantised once per segment, and a pair is estimated as Lucene's scalar-quantised scorer does:
 * {@code a_x·a_y·D + a_y·l_x·Σx + a_x·l_y·Σy + l_x·l_y·⟨x,y⟩ + ⟨x,c⟩ + ⟨y,c⟩ − ⟨c,c⟩}.
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
    this.centroidDot = VectorUtil.dotProduct(centroid, centroid);
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

  /** A query token quantised against this segment's centroid. */
  final class QueryToken {
    final byte[] codes = new byte[discreteDimensions()];
    final float lower;
    final float width;
    final float codeSum;
    final float centroidCorrection;

    QueryToken(OptimizedScalarQuantizer quantizer, float[] vector) {
      QuantizationResult r = quantizer.scalarQuantize(vector.clone(), codes, queryBits, centroid);
      lower = r.lowerInterval();
      width = (r.upperInterval() - lower) / ((1 << queryBits) - 1);
      codeSum = r.quantizedComponentSum();
      centroidCorrection = r.additionalCorrection() - centroidDot;
    }
  }

  QueryToken[] quantize(float[][] query) {
    OptimizedScalarQuantizer quantizer = quantizer();
    QueryToken[] tokens = new QueryToken[query.length];
    for (int i = 0; i < query.length; i++) {
      tokens[i] = new QueryToken(quantizer, query[i]);
    }
    return tokens;
  }

  /** Per-document scratch: codes (layout-specific) and correction terms, reused across documents. */
  static final class Scratch {
    byte[][] byteCodes = new byte[0][];
    long[] planes = new long[0];
    float[] lower = new float[0];
    float[] upper = new float[0];
    float[] additional = new float[0];
    int[] codeSum = new int[0];
    /** Query-independent part of each token's estimate: {@code a_x·D}, {@code l_x}, {@code l_x·Σx}. */
    float[] lowerTimesDim = new float[0];
    float[] width = new float[0];
    float[] widthTimesSum = new float[0];
    int[] dots = new int[0];

    void read(OptimizedScalarTokenLayout layout, IndexInput in, int tokens) throws IOException {
      if (lower.length < tokens) {
        int size = ArrayUtil.oversize(tokens, Float.BYTES);
        lower = new float[size];
        upper = new float[size];
        additional = new float[size];
        codeSum = new int[size];
        lowerTimesDim = new float[size];
        width = new float[size];
        widthTimesSum = new float[size];
        dots = new int[size];
      }
      layout.readCodes(in, tokens, this);
      in.readFloats(lower, 0, tokens);
      in.readFloats(upper, 0, tokens);
      in.readFloats(additional, 0, tokens);
      in.readInts(codeSum, 0, tokens);
      float step = 1f / ((1 << layout.docBits) - 1);
      for (int j = 0; j < tokens; j++) {
        width[j] = (upper[j] - lower[j]) * step;
        lowerTimesDim[j] = lower[j] * layout.dimension;
        widthTimesSum[j] = width[j] * codeSum[j];
      }
    }
  }

  /** The estimated dot product of query token {@code q} and document token {@code j}, given their code dot product. */
  static float estimate(QueryToken q, Scratch d, int j, int codeDot) {
    return q.lower * (d.lowerTimesDim[j] + d.widthTimesSum[j])
        + q.width * (d.lower[j] * q.codeSum + d.width[j] * codeDot)
        + d.additional[j]
        + q.centroidCorrection;
  }
}
