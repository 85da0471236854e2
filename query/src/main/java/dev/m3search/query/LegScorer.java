package dev.m3search.query;

import dev.m3search.codecs.M3Fields;
import dev.m3search.codecs.lateinteraction.MaxSimScorer;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.VectorUtil;

/**
 * Scores given documents exactly on every leg: the dense dot product from the stored vector, the
 * sparse query's score, and MaxSim on the stored token codes (quantised as the index stores them).
 * A document missing a leg scores 0 there.
 */
final class LegScorer {
  private final IndexSearcher searcher;

  LegScorer(IndexSearcher searcher) {
    this.searcher = searcher;
  }

  /** Leg scores of {@code docs} (global doc ids in increasing order), in that order. */
  LegScores[] score(int[] docs, EncodedQuery query) throws IOException {
    LegScores[] scores = new LegScores[docs.length];
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    Weight sparseWeight =
        searcher.createWeight(searcher.rewrite(query.sparse()), ScoreMode.COMPLETE, 1f);
    int i = 0;
    while (i < docs.length) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
      int end = i;
      while (end < docs.length && docs[end] < leaf.docBase + leaf.reader().maxDoc()) {
        end++;
      }
      scoreLeaf(leaf, docs, i, end, query, sparseWeight, scores);
      i = end;
    }
    return scores;
  }

  private static void scoreLeaf(
      LeafReaderContext leaf,
      int[] docs,
      int from,
      int to,
      EncodedQuery query,
      Weight sparseWeight,
      LegScores[] out)
      throws IOException {
    FloatVectorValues vectors = leaf.reader().getFloatVectorValues(M3Fields.DENSE);
    KnnVectorValues.DocIndexIterator vectorDocs = vectors == null ? null : vectors.iterator();
    Scorer sparse = sparseWeight.scorer(leaf);
    DocIdSetIterator sparseDocs = sparse == null ? null : sparse.iterator();
    MaxSimScorer maxSim = MaxSimScorer.create(leaf.reader(), M3Fields.COLBERT, query.tokenVectors());
    for (int i = from; i < to; i++) {
      int doc = docs[i] - leaf.docBase;
      float dense = 0;
      if (vectorDocs != null && advance(vectorDocs, doc)) {
        dense = VectorUtil.dotProduct(query.dense(), vectors.vectorValue(vectorDocs.index()));
      }
      float sparseScore = sparseDocs != null && advance(sparseDocs, doc) ? sparse.score() : 0f;
      float colbert = maxSim.score(doc);
      out[i] = new LegScores(dense, sparseScore, colbert);
    }
  }

  private static boolean advance(DocIdSetIterator it, int target) throws IOException {
    int current = it.docID();
    if (current < target) {
      current = it.advance(target);
    }
    return current == target;
  }
}
