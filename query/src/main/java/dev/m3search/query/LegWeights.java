package dev.m3search.query;

import dev.m3search.codecs.Leg;

/** One weight per leg, as BGE-M3's {@code weights_for_different_modes} (dense, sparse, colbert). */
public record LegWeights(float dense, float sparse, float colbert) {
  /** BGE-M3's {@code compute_score} default. */
  public static final LegWeights BGE_M3 = new LegWeights(0.4f, 0.2f, 0.4f);

  public LegWeights {
    if (dense < 0 || sparse < 0 || colbert < 0 || dense + sparse + colbert <= 0) {
      throw new IllegalArgumentException(
          "leg weights must be non-negative and not all zero, got " + dense + "/" + sparse + "/" + colbert);
    }
  }

  public float of(Leg leg) {
    return switch (leg) {
      case DENSE -> dense;
      case SPARSE -> sparse;
      case COLBERT -> colbert;
    };
  }

  public float sum() {
    return dense + sparse + colbert;
  }

  /** Whether the ColBERT leg has a part, which an index without token vectors cannot give it. */
  public boolean weighsColbert() {
    return colbert > 0;
  }

  /** Parses {@code "0.4,0.2,0.4"} (dense, sparse, colbert), or {@code "0.7,0.3"} (dense, sparse) for two legs. */
  public static LegWeights parse(String text) {
    String[] parts = text.split(",");
    if (parts.length != 3 && parts.length != 2) {
      throw new IllegalArgumentException(
          "weights take three numbers, dense,sparse,colbert (e.g. 0.4,0.2,0.4), or two, dense,sparse, got '" + text + "'");
    }
    try {
      return new LegWeights(
          Float.parseFloat(parts[0].trim()), Float.parseFloat(parts[1].trim()),
          parts.length == 3 ? Float.parseFloat(parts[2].trim()) : 0f);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("weights must be numbers, got '" + text + "'", e);
    }
  }
}
