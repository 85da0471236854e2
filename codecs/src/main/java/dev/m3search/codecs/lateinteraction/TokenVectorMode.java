package dev.m3search.codecs.lateinteraction;

import dev.m3search.codecs.vectors.CpuFeatures;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the late-interaction format stores token vectors. The mode is a parameter of the format
 * ({@link M3LateInteractionFormat#M3LateInteractionFormat(TokenVectorMode)}), which writes it into
 * every segment's metadata, so each segment is read in the mode it was written in and a merge
 * writes the format's.
 */
public enum TokenVectorMode {
  /** The float vectors as given: the reference, 4 bytes a dimension. */
  FLOAT32("float32", 0),
  /** 8 bits a dimension, optimised scalar quantisation around the segment centroid, 8-bit query. */
  INT8("int8", 1),
  /** 4 bits a dimension, optimised scalar quantisation around the segment centroid, 4-bit query. */
  INT4("int4", 2),
  /** 2 bits a dimension, optimised scalar quantisation around the segment centroid, 4-bit query. */
  BIT2("2bit", 3),
  /**
   * 1 bit a dimension and nothing else: the side of the segment centroid each dimension falls on,
   * scored against a 4-bit query with per-dimension levels kept once per segment.
   */
  BIT1("1bit", 4);

  private final String label;
  private final int wireNumber;

  TokenVectorMode(String label, int wireNumber) {
    this.label = label;
    this.wireNumber = wireNumber;
  }

  /** The name users write ({@code --colbert-mode 2bit}). */
  public String label() {
    return label;
  }

  int wireNumber() {
    return wireNumber;
  }

  /** Bytes one token takes in a segment: codes and per-token correction terms. */
  public int bytesPerToken(int dimension) {
    return TokenLayout.of(this, dimension).bytesPerToken();
  }

  /**
   * The MaxSim kernel that scores this mode in this JVM, on a CPU with {@code cpu}: what {@code
   * info} and {@code bench} print beside a measurement.
   */
  public String kernel(CpuFeatures cpu) {
    boolean vectors = BitPlanes.VECTORIZED;
    return switch (this) {
      case FLOAT32 -> vectors
          ? "fixed-order float dot products, " + cpu.vectorBits() + "-bit vectors"
          : "scalar float dot products";
      case INT8, INT4 -> "Lucene's VectorUtil integer dot products (its own vectorisation), query quantised "
          + (vectors ? "with " + cpu.vectorBits() + "-bit vectors" : "in scalar code");
      case BIT2, BIT1 -> (vectors
          ? "bit planes, " + PanamaBitPlanes.tokensPerVector() + " tokens a vector, AND and "
              + (cpu.has("avx512_vpopcntdq") || cpu.has("asimd") ? "lane popcount" : "emulated lane popcount (no VPOPCNTDQ)")
          : "bit planes, scalar popcount")
          + (this == BIT2 ? "; first pass on the high planes" : "");
    };
  }

  /** The mode named {@code label}; the error lists the valid names. */
  public static TokenVectorMode parse(String label) {
    for (TokenVectorMode mode : values()) {
      if (mode.label.equalsIgnoreCase(label)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown token vector mode '" + label + "'; expected one of " + labels());
  }

  /** Valid labels, comma-separated. */
  public static String labels() {
    return Arrays.stream(values()).map(TokenVectorMode::label).collect(Collectors.joining(", "));
  }

  static TokenVectorMode fromWireNumber(int wireNumber) {
    for (TokenVectorMode mode : values()) {
      if (mode.wireNumber == wireNumber) {
        return mode;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return label;
  }
}
