package dev.m3search.codecs;

/** Which leg a Lucene field holds, so that {@link M3Lucene104Codec} writes it with that leg's format. */
@FunctionalInterface
public interface LegRouting {
  /** The leg {@code field} holds, or null for a field the base codec writes. */
  Leg legOf(String field);

  /** The fields of an embedded m3search index. */
  LegRouting EMBEDDED = of(LegFields.EMBEDDED);

  /**
   * The legs of any field named {@code x}, by their names' suffixes: {@code x.dense}, {@code
   * x.sparse}, {@code x.colbert} ({@link LegFields#of}). For a host that writes several such
   * fields and builds its codec without knowing them.
   */
  LegRouting BY_SUFFIX = field -> {
    if (field.endsWith("." + M3Fields.DENSE)) {
      return Leg.DENSE;
    }
    if (field.endsWith("." + M3Fields.SPARSE)) {
      return Leg.SPARSE;
    }
    return field.endsWith("." + M3Fields.COLBERT) ? Leg.COLBERT : null;
  };

  /** Routes exactly the fields of {@code legs}. */
  static LegRouting of(LegFields legs) {
    return field -> {
      if (field.equals(legs.dense())) {
        return Leg.DENSE;
      }
      if (field.equals(legs.sparse())) {
        return Leg.SPARSE;
      }
      return field.equals(legs.tokenVectors()) ? Leg.COLBERT : null;
    };
  }
}
