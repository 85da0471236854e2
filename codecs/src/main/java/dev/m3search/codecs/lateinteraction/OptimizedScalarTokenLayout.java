package dev.m3search.codecs.lateinteraction;

import dev.m3search.codecs.vectors.ReproducibleDotProduct;
import java.io.IOException;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer.QuantizationResult;

/**
 * Token codes from Lucene's optimised scalar quantisation around the segment centroid ({@link
 * TokenQuantizer}, the same bits on every machine): each
 * token keeps its codes and four correction terms (interval bounds, its dot product with the
 * centroid, the sum of its codes), stored after the document's codes as four arrays. A document
 * token reads back as {@code d ≈ c + a_d + l_d·x} (interval start {@code a_d}, step {@code l_d},
 * codes {@code x}); {@link OptimizedScalarMaxSim} scores on the codes and corrections {@link
 * #read} gives it.
 */
abstract sealed class OptimizedScalarTokenLayout extends TokenLayout permits ScalarTokenLayout, DibitTokenLayout {
  static final int CORRECTION_BYTES = 4 * Float.BYTES;

  final byte docBits;
  private final Centroid accumulator;
  float[] centroid;
  float centroidDot;
  /** Made at the first document written, kept for the segment's others (a writer runs on one thread). */
  private TokenQuantizer quantizer;

  OptimizedScalarTokenLayout(int dimension, int docBits) {
    super(dimension);
    this.docBits = (byte) docBits;
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

  /** Codes of a document: its tokens' unpacked codes in order, then {@link #writeCodes}. */
  @Override
  final void encode(float[][] tokens, DataOutput out) throws IOException {
    byte[][] codes = new byte[tokens.length][discreteDimensions()];
    QuantizationResult[] corrections = new QuantizationResult[tokens.length];
    if (quantizer == null) {
      quantizer = TokenQuantizer.of(dimension);
    }
    for (int j = 0; j < tokens.length; j++) {
      corrections[j] = quantizer.quantize(tokens[j], centroid, docBits, codes[j]);
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

  /** Reads a document's codes into {@code into}, in this layout's packing. */
  abstract void readCodes(IndexInput in, int tokens, OptimizedScalarCodes into) throws IOException;

  /** Unpacked code {@code i} of token {@code j} of the document in {@code codes}. */
  abstract int code(OptimizedScalarCodes codes, int tokens, int j, int i);

  /**
   * Reads the {@code tokens} tokens at the input's position into {@code into}: codes, corrections,
   * and each token's step {@code l_d} and {@code l_d·Σx}. The arrays grow, never shrink, so a
   * reader reusing {@code into} allocates only for a longer document than it has seen.
   */
  final void read(IndexInput in, int tokens, OptimizedScalarCodes into) throws IOException {
    into.ensureCapacity(tokens);
    readCodes(in, tokens, into);
    readCorrections(in, tokens, into);
  }

  /** Reads the corrections that follow a document's codes, and derives each token's step and {@code l_d·Σx}. */
  final void readCorrections(IndexInput in, int tokens, OptimizedScalarCodes into) throws IOException {
    in.readFloats(into.lower, 0, tokens);
    in.readFloats(into.upper, 0, tokens);
    in.readFloats(into.additional, 0, tokens);
    in.readInts(into.codeSum, 0, tokens);
    float step = 1f / ((1 << docBits) - 1);
    for (int j = 0; j < tokens; j++) {
      into.width[j] = (into.upper[j] - into.lower[j]) * step;
      into.widthTimesSum[j] = into.width[j] * into.codeSum[j];
    }
  }

  @Override
  final void decode(IndexInput in, int tokens, float[][] into) throws IOException {
    OptimizedScalarCodes codes = new OptimizedScalarCodes();
    read(in, tokens, codes);
    float step = 1f / ((1 << docBits) - 1);
    for (int j = 0; j < tokens; j++) {
      float lower = codes.lower[j];
      float width = (codes.upper[j] - lower) * step;
      for (int i = 0; i < dimension; i++) {
        into[j][i] = centroid[i] + lower + width * code(codes, tokens, j, i);
      }
    }
  }
}
