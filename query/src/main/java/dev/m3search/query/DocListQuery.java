package dev.m3search.query;

import java.io.IOException;
import java.util.Arrays;
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
 * documents it found on one reader, with their scores. It matches the first {@code window} of
 * those documents in the order of their scores (ties by doc id, as a collector orders them), and
 * belongs to that reader; subclasses say why a document scores as it does.
 */
abstract class DocListQuery extends Query {
  private final Object readerId;
  /** Global doc ids in increasing order, and their scores. */
  final int[] docs;
  final float[] scores;
  /** The documents of the window, in increasing order, and their scores: what the query matches. */
  private final int[] matching;
  private final float[] matchingScores;

  DocListQuery(Object readerId, int[] docs, float[] scores) {
    this(readerId, docs, scores, null, Integer.MAX_VALUE);
  }

  /**
   * The query of {@code docs} that matches the first {@code window} positions of {@code ranking},
   * the positions of {@code docs} from first to last as {@code scores} (ties by doc id) order them.
   */
  DocListQuery(Object readerId, int[] docs, float[] scores, int[] ranking, int window) {
    this.readerId = readerId;
    this.docs = docs;
    this.scores = scores;
    if (window >= docs.length) {
      this.matching = docs;
      this.matchingScores = scores;
    } else {
      int[] kept = Arrays.copyOf(ranking, window);
      Arrays.sort(kept);
      this.matching = new int[window];
      this.matchingScores = new float[window];
      for (int i = 0; i < window; i++) {
        matching[i] = docs[kept[i]];
        matchingScores[i] = scores[kept[i]];
      }
    }
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
        Explanation why = DocListQuery.this.explain(searcher, context, doc, boost);
        if (why.isMatch() && Arrays.binarySearch(matching, context.docBase + doc) < 0) {
          return Explanation.noMatch("ranks below the first " + matching.length + " this query answers", why);
        }
        return why;
      }

      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) {
        return DocListScorer.supplier(matching, matchingScores, context, boost);
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
