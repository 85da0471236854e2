package dev.m3search.query;

import dev.m3search.codecs.LegFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.Bits;

/**
 * The work of a {@link HybridQuery} on one searcher: each leg's top list, the exact leg scores of
 * their union, the fusion, and the ranking.
 */
final class CandidateRetrieval {
  private final IndexSearcher searcher;
  private final EncodedQuery query;
  private final int depth;
  private final Query filter;
  private final HybridQuery legs;
  private final LegFields fields;

  CandidateRetrieval(IndexSearcher searcher, LegFields fields, EncodedQuery query, int depth, Query filter, HybridQuery legs) {
    this.fields = fields;
    this.searcher = searcher;
    this.query = query;
    this.depth = depth;
    this.filter = filter;
    this.legs = legs;
  }

  /** Dense and sparse top lists retrieved concurrently; ColBERT's list is its best {@code depth} of their union. */
  FusedDocsQuery retrieve(SearchMode mode, Fusion fusion) throws IOException {
    List<Callable<ScoreDoc[]>> firstStage = List.of(
        () -> searcher.search(legs.denseQuery(), depth).scoreDocs,
        () -> searcher.search(legs.sparseQuery(), depth).scoreDocs);
    List<ScoreDoc[]> lists = searcher.getTaskExecutor().invokeAll(firstStage);
    Set<Integer> dense = docs(lists.get(0));
    Set<Integer> sparse = docs(lists.get(1));
    TreeSet<Integer> union = new TreeSet<>(dense);
    union.addAll(sparse);
    int[] docs = union.stream().mapToInt(Integer::intValue).toArray();
    LegScores[] scores = LegScorer.score(searcher, fields, docs, query);
    boolean[] colbert = topOf(scores, Leg.COLBERT, depth);
    List<FusionCandidate> candidates = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      Set<Leg> retrievedBy = EnumSet.noneOf(Leg.class);
      if (dense.contains(docs[i])) {
        retrievedBy.add(Leg.DENSE);
      }
      if (sparse.contains(docs[i])) {
        retrievedBy.add(Leg.SPARSE);
      }
      if (colbert[i]) {
        retrievedBy.add(Leg.COLBERT);
      }
      candidates.add(new FusionCandidate(scores[i], retrievedBy));
    }
    return rank(mode, fusion, docs, candidates);
  }

  /** Every document passing the filter scored on every leg; each leg's exact top list; the same fusion over their union. */
  FusedDocsQuery exhaustive(SearchMode mode, Fusion fusion) throws IOException {
    int[] all = matching(filter == null ? new MatchAllDocsQuery() : filter);
    LegScores[] scores = LegScorer.score(searcher, fields, all, query);
    boolean[] dense = topOf(scores, Leg.DENSE, depth);
    boolean[] sparse = topOf(scores, Leg.SPARSE, depth);
    boolean[] colbert = topOf(scores, Leg.COLBERT, depth);
    List<Integer> kept = new ArrayList<>();
    List<FusionCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      Set<Leg> retrievedBy = EnumSet.noneOf(Leg.class);
      if (dense[i]) {
        retrievedBy.add(Leg.DENSE);
      }
      if (sparse[i] && scores[i].sparse() > 0) {
        retrievedBy.add(Leg.SPARSE);
      }
      if (colbert[i]) {
        retrievedBy.add(Leg.COLBERT);
      }
      boolean inMode = switch (mode) {
        case HYBRID -> !retrievedBy.isEmpty();
        case DENSE -> retrievedBy.contains(Leg.DENSE);
        case SPARSE -> retrievedBy.contains(Leg.SPARSE);
        case COLBERT -> retrievedBy.contains(Leg.COLBERT);
      };
      if (inMode) {
        kept.add(all[i]);
        candidates.add(new FusionCandidate(scores[i], retrievedBy));
      }
    }
    return rank(mode, fusion, kept.stream().mapToInt(Integer::intValue).toArray(), candidates);
  }

  /**
   * Orders the candidates by the mode's score; equal scores by ColBERT, then dense, then sparse
   * score, so the order depends on doc ids only between documents equal on every leg.
   */
  private FusedDocsQuery rank(SearchMode mode, Fusion fusion, int[] docs, List<FusionCandidate> candidates) {
    float[] scores = switch (mode) {
      case HYBRID -> fusion.fuse(candidates);
      case DENSE -> legScores(candidates, Leg.DENSE);
      case SPARSE -> legScores(candidates, Leg.SPARSE);
      case COLBERT -> legScores(candidates, Leg.COLBERT);
    };
    Integer[] order = new Integer[docs.length];
    Arrays.setAll(order, i -> i);
    Comparator<Integer> byScore = Comparator.comparingDouble(i -> -scores[i]);
    for (Leg leg : List.of(Leg.COLBERT, Leg.DENSE, Leg.SPARSE)) {
      byScore = byScore.thenComparingDouble(i -> -candidates.get(i).legs().of(leg));
    }
    Arrays.sort(order, byScore.thenComparingInt(i -> docs[i]));
    return new FusedDocsQuery(
        searcher.getIndexReader().getContext().id(), docs, scores, Arrays.stream(order).mapToInt(Integer::intValue).toArray(),
        candidates, mode == SearchMode.HYBRID ? fusion : null, mode);
  }

  private static float[] legScores(List<FusionCandidate> candidates, Leg leg) {
    float[] scores = new float[candidates.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = candidates.get(i).legs().of(leg);
    }
    return scores;
  }

  /**
   * Which documents are in the leg's top {@code n}: those scoring at least the n-th best score, so
   * documents tied at the cut-off are all in, whatever their order.
   */
  static boolean[] topOf(LegScores[] scores, Leg leg, int n) {
    boolean[] in = new boolean[scores.length];
    if (scores.length == 0) {
      return in;
    }
    float[] sorted = new float[scores.length];
    for (int i = 0; i < scores.length; i++) {
      sorted[i] = scores[i].of(leg);
    }
    Arrays.sort(sorted);
    float cutOff = sorted[Math.max(0, sorted.length - n)];
    for (int i = 0; i < scores.length; i++) {
      in[i] = scores[i].of(leg) >= cutOff;
    }
    return in;
  }

  private static Set<Integer> docs(ScoreDoc[] hits) {
    Set<Integer> docs = new TreeSet<>();
    for (ScoreDoc hit : hits) {
      docs.add(hit.doc);
    }
    return docs;
  }

  /** Global ids of the live documents matching {@code query}, in increasing order. */
  private int[] matching(Query query) throws IOException {
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    List<Integer> docs = new ArrayList<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      DocIdSetIterator it = scorer.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (live == null || live.get(doc)) {
          docs.add(leaf.docBase + doc);
        }
      }
    }
    return docs.stream().mapToInt(Integer::intValue).toArray();
  }
}
