package dev.m3search.query;

import dev.m3search.codecs.sparse.BlockMaximaTerms;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The best k documents of a {@link LearnedSparseQuery}, passing an optional filter. Like Lucene's
 * kNN queries it does its search when rewritten: each segment's top k by block-max pruning ({@link
 * BlockMaxTopK}), on the searcher's executor, the segments sharing the best k-th score found so far,
 * merged into the index's top k. The scores equal those
 * of the learned query's disjunction. When a segment has no block maxima (one written before
 * them, or by another postings format), it rewrites to that disjunction with the filter, whose
 * top k is the same documents found by Lucene's MaxScore.
 */
final class SparseTopKQuery extends Query {
  private final LearnedSparseQuery query;
  private final int k;
  private final Query filter;

  SparseTopKQuery(LearnedSparseQuery query, int k, Query filter) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    this.query = query;
    this.k = k;
    this.filter = filter;
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    List<LeafReaderContext> leaves = new ArrayList<>();
    List<BlockMaximaTerms> leafTerms = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(query.field());
      if (terms instanceof BlockMaximaTerms withMaxima) {
        leaves.add(leaf);
        leafTerms.add(withMaxima);
      } else if (terms != null) {
        return disjunctionWithFilter();
      }
    }
    List<BytesRef> terms = new ArrayList<>();
    float[] weights = new float[query.weights().size()];
    for (Map.Entry<String, Float> e : query.weights().entrySet()) {
      weights[terms.size()] = e.getValue();
      terms.add(new BytesRef(e.getKey()));
    }
    Weight filterWeight = filter == null ? null
        : searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
    AtomicInteger sharedFloor = new AtomicInteger(Float.floatToIntBits(0f));
    List<Callable<ScoreDoc[]>> tasks = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      LeafReaderContext leaf = leaves.get(i);
      BlockMaximaTerms withMaxima = leafTerms.get(i);
      tasks.add(() -> {
        FixedBitSet accepted = filterWeight == null ? null : accepted(filterWeight, leaf);
        if (accepted != null && accepted.cardinality() == 0) {
          return new ScoreDoc[0];
        }
        return new BlockMaxTopK(leaf, withMaxima, terms, weights, leaf.reader().getLiveDocs(), accepted, k, sharedFloor).search();
      });
    }
    List<ScoreDoc> hits = new ArrayList<>();
    for (ScoreDoc[] leafHits : searcher.getTaskExecutor().invokeAll(tasks)) {
      hits.addAll(Arrays.asList(leafHits));
    }
    hits.sort(Comparator.comparingDouble((ScoreDoc h) -> -h.score).thenComparingInt(h -> h.doc));
    List<ScoreDoc> best = hits.subList(0, Math.min(k, hits.size()));
    best.sort(Comparator.comparingInt(h -> h.doc));
    return new TopDocsQuery(reader.getContext().id(), best);
  }

  private Query disjunctionWithFilter() {
    Query disjunction = query.disjunction();
    return filter == null ? disjunction
        : new BooleanQuery.Builder().add(disjunction, Occur.MUST).add(filter, Occur.FILTER).build();
  }

  private static FixedBitSet accepted(Weight filterWeight, LeafReaderContext leaf) throws IOException {
    FixedBitSet bits = new FixedBitSet(leaf.reader().maxDoc());
    Scorer scorer = filterWeight.scorer(leaf);
    if (scorer != null) {
      bits.or(scorer.iterator());
    }
    return bits;
  }

  /** The top k found when rewriting, for the reader it was found on; explains a hit by the learned query's disjunction. */
  private final class TopDocsQuery extends DocListQuery {
    TopDocsQuery(Object readerId, List<ScoreDoc> hitsByDoc) {
      super(readerId, hitsByDoc.stream().mapToInt(h -> h.doc).toArray(), new float[hitsByDoc.size()]);
      for (int i = 0; i < scores.length; i++) {
        scores[i] = hitsByDoc.get(i).score;
      }
    }

    @Override
    Explanation explain(IndexSearcher searcher, LeafReaderContext context, int doc, float boost) throws IOException {
      int i = Arrays.binarySearch(docs, context.docBase + doc);
      if (i < 0) {
        return Explanation.noMatch("not in the sparse top " + k);
      }
      Weight scoring = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE, boost);
      return Explanation.match(scores[i] * boost, "in the sparse top " + k + " (block-max pruning), scored as",
          scoring.explain(context, doc));
    }

    @Override
    public String toString(String field) {
      return "SparseTopDocs(" + docs.length + " of " + query + ")";
    }
  }

  @Override
  public void visit(QueryVisitor visitor) {
    query.visit(visitor);
  }

  @Override
  public String toString(String field) {
    return "SparseTopK(" + k + ", " + query.toString(field) + (filter == null ? "" : ", filter " + filter) + ")";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other) && k == ((SparseTopKQuery) other).k && query.equals(((SparseTopKQuery) other).query)
        && Objects.equals(filter, ((SparseTopKQuery) other).filter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), query, k, filter);
  }
}
