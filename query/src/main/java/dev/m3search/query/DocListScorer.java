package dev.m3search.query;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;

/**
 * Scores one segment's part of a fixed list of documents: positions {@code lower} to {@code upper}
 * of global doc ids in increasing order, each with its score.
 */
final class DocListScorer extends Scorer {
  private final int[] docs;
  private final float[] scores;
  private final int docBase;
  private final int lower;
  private final int upper;
  private final float boost;
  /** The segment's best score, computed once: collectors ask for it per block. */
  private final float maxScore;
  private int at = -1;

  DocListScorer(int[] docs, float[] scores, int docBase, int lower, int upper, float boost) {
    this.docs = docs;
    this.scores = scores;
    this.docBase = docBase;
    this.lower = lower;
    this.upper = upper;
    this.boost = boost;
    float max = 0;
    for (int i = lower; i < upper; i++) {
      max = Math.max(max, scores[i]);
    }
    this.maxScore = max * boost;
  }

  @Override
  public int docID() {
    if (at < lower) {
      return -1;
    }
    return at >= upper ? DocIdSetIterator.NO_MORE_DOCS : docs[at] - docBase;
  }

  @Override
  public DocIdSetIterator iterator() {
    return new DocIdSetIterator() {
      @Override
      public int docID() {
        return DocListScorer.this.docID();
      }

      @Override
      public int nextDoc() {
        at = at < lower ? lower : at + 1;
        return docID();
      }

      @Override
      public int advance(int target) throws IOException {
        return slowAdvance(target);
      }

      @Override
      public long cost() {
        return upper - lower;
      }
    };
  }

  @Override
  public float score() {
    return scores[at] * boost;
  }

  @Override
  public float getMaxScore(int upTo) {
    return maxScore;
  }

  /** A supplier of the scorer for the part of {@code docs} (global ids, increasing) in {@code context}; null when none is there. */
  static ScorerSupplier supplier(int[] docs, float[] scores, LeafReaderContext context, float boost) {
    int lower = lowerBound(docs, context.docBase);
    int upper = lowerBound(docs, context.docBase + context.reader().maxDoc());
    if (lower == upper) {
      return null;
    }
    return new ScorerSupplier() {
      @Override
      public Scorer get(long leadCost) {
        return new DocListScorer(docs, scores, context.docBase, lower, upper, boost);
      }

      @Override
      public long cost() {
        return upper - lower;
      }
    };
  }

  /** The first position of {@code docs} (increasing) whose doc id is at least {@code doc}. */
  private static int lowerBound(int[] docs, int doc) {
    int i = java.util.Arrays.binarySearch(docs, doc);
    return i >= 0 ? i : -i - 1;
  }
}
