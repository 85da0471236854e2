package dev.m3search.query;

import dev.m3search.codecs.M3Fields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.ScoreDoc;

/**
 * The search pipeline of m3search: candidates from dense kNN and the sparse leg (the filter
 * applied inside both), exact scores of every candidate on every leg (late-interaction
 * rescoring), then fusion. When the index holds no more documents than the candidate depth, every
 * document is a candidate, so tiny indexes are searched exhaustively.
 */
public final class HybridSearcher {
  private final IndexSearcher searcher;
  private final LegScorer legScorer;
  private final int denseOversample;

  public HybridSearcher(IndexSearcher searcher) {
    this(searcher, 1);
  }

  /**
   * @param denseOversample for quantised dense vectors: the graph search collects this many times
   *     the depth, and exact dot products of the float vectors keep the best (1 for float32)
   */
  public HybridSearcher(IndexSearcher searcher, int denseOversample) {
    this.searcher = searcher;
    this.legScorer = new LegScorer(searcher);
    this.denseOversample = denseOversample;
  }

  public List<ScoredCandidate> search(EncodedQuery query, SearchOptions options) throws IOException {
    int depth = Math.max(options.candidates(), options.k());
    // single-leg modes keep only their top k before the other legs are scored for the explanation
    int[] docs =
        switch (options.mode()) {
          case DENSE -> topDocs(denseQuery(query, depth, options.filter()), options.k());
          case SPARSE -> topDocs(filtered(query.sparse(), options.filter()), options.k());
          case HYBRID, COLBERT -> candidates(query, depth, options.filter());
        };
    LegScores[] legs = legScorer.score(docs, query);
    float[] scores =
        switch (options.mode()) {
          case DENSE -> legScore(legs, Leg.DENSE);
          case SPARSE -> legScore(legs, Leg.SPARSE);
          case COLBERT -> legScore(legs, Leg.COLBERT);
          case HYBRID -> options.fusion().fuse(Arrays.asList(legs));
        };
    return top(docs, scores, legs, options.k());
  }

  /**
   * The candidates a hybrid search would fuse, with their leg scores and no fused score (0): the
   * union of the first-stage legs, or, when {@code exhaustive}, every document that passes the
   * filter — exact scores of every leg over the whole index.
   */
  public List<ScoredCandidate> scoreCandidates(EncodedQuery query, SearchOptions options, boolean exhaustive)
      throws IOException {
    int depth = exhaustive ? Integer.MAX_VALUE : Math.max(options.candidates(), options.k());
    int[] docs =
        exhaustive ? allDocs(options.filter()) : candidates(query, depth, options.filter());
    LegScores[] legs = legScorer.score(docs, query);
    List<ScoredCandidate> scored = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      scored.add(new ScoredCandidate(docs[i], 0f, legs[i]));
    }
    return scored;
  }

  /** The {@code k} best of {@code docs} by {@code scores}, ties by doc id. */
  private static List<ScoredCandidate> top(int[] docs, float[] scores, LegScores[] legs, int k) {
    List<ScoredCandidate> ranked = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      ranked.add(new ScoredCandidate(docs[i], scores[i], legs[i]));
    }
    ranked.sort(
        Comparator.comparingDouble((ScoredCandidate c) -> -c.score()).thenComparingInt(ScoredCandidate::doc));
    return ranked.subList(0, Math.min(k, ranked.size()));
  }

  private int[] allDocs(Query filter) throws IOException {
    int n = Math.max(1, searcher.getIndexReader().numDocs());
    return topDocs(filter == null ? new MatchAllDocsQuery() : filter, n);
  }

  private int[] candidates(EncodedQuery query, int depth, Query filter) throws IOException {
    if (searcher.getIndexReader().numDocs() <= depth) {
      return allDocs(filter);
    }
    TreeSet<Integer> union = new TreeSet<>();
    for (int doc : topDocs(denseQuery(query, depth, filter), depth)) {
      union.add(doc);
    }
    for (int doc : topDocs(filtered(query.sparse(), filter), depth)) {
      union.add(doc);
    }
    return union.stream().mapToInt(Integer::intValue).toArray();
  }

  private Query denseQuery(EncodedQuery query, int depth, Query filter) {
    if (denseOversample <= 1) {
      return new KnnFloatVectorQuery(M3Fields.DENSE, query.dense(), depth, filter);
    }
    Query graph = new KnnFloatVectorQuery(M3Fields.DENSE, query.dense(), depth * denseOversample, filter);
    return RescoreTopNQuery.createFullPrecisionRescorerQuery(graph, query.dense(), M3Fields.DENSE, depth);
  }

  private static Query filtered(Query query, Query filter) {
    if (filter == null) {
      return query;
    }
    return new BooleanQuery.Builder().add(query, Occur.MUST).add(filter, Occur.FILTER).build();
  }

  /** Doc ids of the top {@code n} hits (for kNN queries: of the {@code k} the query was built with), in increasing doc id order. */
  private int[] topDocs(Query query, int n) throws IOException {
    ScoreDoc[] hits = searcher.search(query, n).scoreDocs;
    return Arrays.stream(hits).mapToInt(h -> h.doc).sorted().toArray();
  }

  private static float[] legScore(LegScores[] legs, Leg leg) {
    float[] scores = new float[legs.length];
    for (int i = 0; i < legs.length; i++) {
      scores[i] = legs[i].of(leg);
    }
    return scores;
  }
}
