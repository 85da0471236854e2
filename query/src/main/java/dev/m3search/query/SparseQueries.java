package dev.m3search.query;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Queries over the sparse leg. Both score as disjunctions of term scorers whose impacts let Lucene
 * skip blocks that cannot reach the top k (MaxScore); a learned-weights query's top k can also use
 * the codec's block maxima ({@link LearnedSparseQuery#topK}).
 */
public final class SparseQueries {
  private SparseQueries() {}

  /**
   * Learned sparse weights: {@code Σ w_q(t) · w_d(t)} over shared terms, with the document weight
   * stored as a {@link org.apache.lucene.document.FeatureField} impact.
   */
  public static LearnedSparseQuery learnedWeights(String field, Map<String, Float> queryWeights) {
    return new LearnedSparseQuery(field, queryWeights);
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

  /**
   * {@code sparse} with each of its term queries (in disjunctions and boosts) given the terms'
   * states on {@code searcher}'s reader, looked up once: a fused search weighs the sparse query
   * twice, for its top list and to score the other legs' candidates, and each weight would
   * otherwise seek every term in every segment's terms dictionary (one lookup took about 4% of a
   * hybrid search on msmarco-5k's three segments). The scores are the same; the query belongs to
   * that reader.
   */
  static Query withTermStates(IndexSearcher searcher, Query sparse) throws IOException {
    return switch (sparse) {
      case TermQuery term when term.getTermStates() == null ->
          new TermQuery(term.getTerm(), TermStates.build(searcher, term.getTerm(), true));
      case BoostQuery boost -> new BoostQuery(withTermStates(searcher, boost.getQuery()), boost.getBoost());
      case BooleanQuery bool -> {
        BooleanQuery.Builder builder = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
        for (BooleanClause clause : bool.clauses()) {
          builder.add(withTermStates(searcher, clause.query()), clause.occur());
        }
        yield builder.build();
      }
      default -> sparse;
    };
  }
}
