package dev.m3search.query;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * Learned sparse weights against {@link FeatureField} terms: {@code Σ w_q(t) · w_d(t)} over shared
 * terms. As a query of its own it rewrites to Lucene's disjunction of linear feature queries, which
 * scores any document and prunes with MaxScore; {@link #topK} gives the same top k through the
 * block maxima of segments written with them ({@code M3FieldFormats.withBlockMaxSparse(true)}; not
 * the default), and through the disjunction otherwise.
 */
public final class LearnedSparseQuery extends Query {
  /** FeatureField accepts linear weights up to this value. */
  static final float MAX_FEATURE_WEIGHT = 64f;

  private final String field;
  private final SortedMap<String, Float> weights;

  /** Keeps the positive weights, capped at FeatureField's largest linear weight. */
  public LearnedSparseQuery(String field, Map<String, Float> queryWeights) {
    this.field = field;
    SortedMap<String, Float> kept = new TreeMap<>();
    queryWeights.forEach((term, weight) -> {
      if (weight > 0) {
        kept.put(term, Math.min(weight, MAX_FEATURE_WEIGHT));
      }
    });
    this.weights = Collections.unmodifiableSortedMap(kept);
  }

  public String field() {
    return field;
  }

  /** The positive query weights by term, as scored. */
  public SortedMap<String, Float> weights() {
    return weights;
  }

  /** The best {@code k} documents passing {@code filter} (none: every live document), found by block-max pruning. */
  public Query topK(int k, Query filter) {
    return new SparseTopKQuery(this, k, filter);
  }

  /** Lucene's disjunction of linear feature queries, one per term. */
  Query disjunction() {
    if (weights.isEmpty()) {
      return new MatchNoDocsQuery("no positive query weight");
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    weights.forEach((term, weight) -> builder.add(FeatureField.newLinearQuery(field, term, weight), Occur.SHOULD));
    return builder.build();
  }

  @Override
  public Query rewrite(IndexSearcher searcher) {
    return disjunction();
  }

  @Override
  public void visit(QueryVisitor visitor) {
    if (visitor.acceptField(field)) {
      visitor.visitLeaf(this);
    }
  }

  @Override
  public String toString(String defaultField) {
    return "LearnedSparseQuery(" + field + ", " + weights.size() + " terms)";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other) && field.equals(((LearnedSparseQuery) other).field)
        && weights.equals(((LearnedSparseQuery) other).weights);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * classHash() + field.hashCode()) + weights.hashCode();
  }
}
