package dev.m3search.query;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

/**
 * What a query that searches when it is rewritten (as Lucene's kNN queries do) rewrites to: the
 * documents it found on one reader, with their scores. It matches exactly those documents and
 * belongs to that reader; subclasses say why a document scores as it does.
 */
abstract class DocListQuery extends Query {
  private final Object readerId;
  /** Global doc ids in increasing order, and their scores. */
  final int[] docs;
  final float[] scores;

  DocListQuery(Object readerId, int[] docs, float[] scores) {
    this.readerId = readerId;
    this.docs = docs;
    this.scores = scores;
  }

  /** Why {@code doc} (of the segment {@code context}) scores as it does, its score times {@code boost}. */
  abstract Explanation explain(IndexSearcher searcher, LeafReaderContext context, int doc, float boost) throws IOException;

  @Override
  public final Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    if (searcher.getIndexReader().getContext().id() != readerId) {
      throw new IllegalStateException(this + " was found on another reader; rewrite the query that made it on this one");
    }
    return new Weight(this) {
      @Override
      public Explanation explain(LeafReaderContext context, int doc) throws IOException {
        return DocListQuery.this.explain(searcher, context, doc, boost);
      }

      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) {
        return DocListScorer.supplier(docs, scores, context, boost);
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        return false;
      }
    };
  }

  @Override
  public final void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  /** Tied to one reader and one search: equal only to itself. */
  @Override
  public final boolean equals(Object other) {
    return this == other;
  }

  @Override
  public final int hashCode() {
    return System.identityHashCode(this);
  }
}
