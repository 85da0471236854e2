package dev.m3search.codecs;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104ScalarQuantizedVectorsFormat.ScalarEncoding;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * How the dense leg's HNSW graph compares vectors. Quantised modes search the graph on Lucene's
 * optimised scalar codes and keep the float vectors beside them, so a search can rescore an
 * oversampled top with exact dot products ({@link #oversample()}).
 */
public enum DenseVectorMode {
  FLOAT32("float32", null, 1),
  INT8("int8", ScalarEncoding.UNSIGNED_BYTE, 1),
  INT4("int4", ScalarEncoding.PACKED_NIBBLE, 2),
  BIT2("2bit", ScalarEncoding.DIBIT_QUERY_NIBBLE, 3),
  BIT1("1bit", ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE, 5);

  /** HNSW graph parameters Lucene recommends for recall near 0.99 on small corpora. */
  public static final int HNSW_MAX_CONNECTIONS = 16;

  public static final int HNSW_BEAM_WIDTH = 100;

  private final String label;
  private final ScalarEncoding encoding;
  private final int oversample;

  DenseVectorMode(String label, ScalarEncoding encoding, int oversample) {
    this.label = label;
    this.encoding = encoding;
    this.oversample = oversample;
  }

  public String label() {
    return label;
  }

  /**
   * How many times k the graph search collects before the float rescoring keeps k; 1 means no
   * rescoring. Larger for coarser codes.
   */
  public int oversample() {
    return oversample;
  }

  /** Bytes of one vector's codes and correction terms in the graph's quantised file. */
  public int codeBytes(int dimension) {
    return encoding == null
        ? dimension * Float.BYTES
        : encoding.getDocPackedLength(dimension) + 3 * Float.BYTES + Integer.BYTES;
  }

  public KnnVectorsFormat format() {
    return encoding == null
        ? new Lucene99HnswVectorsFormat(HNSW_MAX_CONNECTIONS, HNSW_BEAM_WIDTH)
        : new Lucene104HnswScalarQuantizedVectorsFormat(encoding, HNSW_MAX_CONNECTIONS, HNSW_BEAM_WIDTH);
  }

  public static DenseVectorMode parse(String label) {
    for (DenseVectorMode mode : values()) {
      if (mode.label.equalsIgnoreCase(label)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown dense vector mode '" + label + "'; expected one of "
            + Arrays.stream(values()).map(DenseVectorMode::label).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return label;
  }
}
