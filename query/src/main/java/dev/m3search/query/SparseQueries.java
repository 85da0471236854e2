package dev.m3search.query;

import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Queries over the sparse leg. Both are disjunctions of term scorers whose impacts let Lucene skip
 * blocks that cannot reach the top k (block-max WAND / MaxScore).
 */
public final class SparseQueries {
  /** FeatureField accepts linear weights up to this value. */
  private static final float MAX_FEATURE_WEIGHT = 64f;

  private SparseQueries() {}

  /**
   * Learned sparse weights: {@code Σ w_q(t) · w_d(t)} over shared terms, with the document weight
   * stored as a {@link FeatureField} impact.
   */
  public static Query learnedWeights(String field, Map<String, Float> queryWeights) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    int clauses = 0;
    for (Map.Entry<String, Float> e : new TreeMap<>(queryWeights).entrySet()) {
      float weight = Math.min(e.getValue(), MAX_FEATURE_WEIGHT);
      if (weight > 0) {
        builder.add(FeatureField.newLinearQuery(field, e.getKey(), weight), Occur.SHOULD);
        clauses++;
      }
    }
    return clauses == 0 ? new MatchNoDocsQuery("no positive query weight") : builder.build();
  }

  /**
   * Lexical terms scored by the searcher's similarity (BM25): saturation and length normalisation
   * on the document side, IDF at query time; a term repeated in the query counts that often.
   */
  public static Query lexical(String field, Map<String, Integer> queryTermCounts) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    for (Map.Entry<String, Integer> e : new TreeMap<>(queryTermCounts).entrySet()) {
      Query term = new TermQuery(new Term(field, e.getKey()));
      builder.add(e.getValue() == 1 ? term : new BoostQuery(term, e.getValue()), Occur.SHOULD);
    }
    return queryTermCounts.isEmpty() ? new MatchNoDocsQuery("no query terms") : builder.build();
  }
}
