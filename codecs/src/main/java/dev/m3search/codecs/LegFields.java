package dev.m3search.codecs;

import dev.m3search.codecs.lateinteraction.TokenVectorsField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;

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

  /**
   * The Lucene fields of one text's representations: the dense vector (dot product), a {@link
   * FeatureField} per sparse weight ({@code sparse} null: the caller indexes a lexical leg itself)
   * and the token vectors (none when there are no tokens), stored in the mode the codec's
   * late-interaction format is configured with.
   */
  public List<IndexableField> fields(float[] dense, Map<String, Float> sparse, float[][] tokens) {
    List<IndexableField> fields = new ArrayList<>();
    fields.add(new KnnFloatVectorField(this.dense, dense, VectorSimilarityFunction.DOT_PRODUCT));
    if (sparse != null) {
      for (Map.Entry<String, Float> e : sparse.entrySet()) {
        // FeatureField keeps the weight in a term frequency, which cannot hold subnormal values
        if (e.getValue() >= Float.MIN_NORMAL) {
          fields.add(new FeatureField(this.sparse, e.getKey(), e.getValue()));
        }
      }
    }
    if (tokens.length > 0) {
      fields.add(new TokenVectorsField(tokenVectors, tokens));
    }
    return fields;
  }
}
