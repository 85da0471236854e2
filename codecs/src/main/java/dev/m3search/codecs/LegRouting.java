package dev.m3search.codecs;

/** Which leg a Lucene field holds, so that {@link M3Lucene104Codec} writes it with that leg's format. */
@FunctionalInterface
public interface LegRouting {
  /** The leg {@code field} holds, or null for a field the base codec writes. */
  Leg legOf(String field);

  /** The fields of an embedded m3search index. */
  LegRouting EMBEDDED = of(LegFields.EMBEDDED);

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
