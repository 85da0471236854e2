package dev.m3search.codecs;

/**
 * The Lucene fields that hold the three legs of one set of representations.
 *
 * @param dense the dense vector ({@code KnnFloatVectorField}, dot product)
 * @param sparse the sparse weights ({@code FeatureField}) or lexical terms
 * @param tokenVectors the token vectors ({@link dev.m3search.codecs.lateinteraction.TokenVectorsField})
 */
public record LegFields(String dense, String sparse, String tokenVectors) {
  /** The fields of an embedded m3search index: {@link M3Fields#DENSE}, {@link M3Fields#SPARSE}, {@link M3Fields#COLBERT}. */
  public static final LegFields EMBEDDED = new LegFields(M3Fields.DENSE, M3Fields.SPARSE, M3Fields.COLBERT);

  /** The legs of a field named {@code field} holding all three representations: {@code field.dense} and so on. */
  public static LegFields of(String field) {
    return new LegFields(field + "." + M3Fields.DENSE, field + "." + M3Fields.SPARSE, field + "." + M3Fields.COLBERT);
  }
}
