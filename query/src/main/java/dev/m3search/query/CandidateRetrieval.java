package dev.m3search.query;

import dev.m3search.codecs.Leg;
import dev.m3search.codecs.LegFields;
import dev.m3search.codecs.lateinteraction.SegmentMaxSim;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/**
 * The work of a {@link HybridQuery} on one searcher: each leg's top list, the exact leg scores of
 * their union, the fusion, and the ranking; or a single leg's top list.
 */
final class CandidateRetrieval {
  private final IndexSearcher searcher;
  private final EncodedQuery query;
  private final int depth;
  private final int window;
  private final HybridQuery legs;
  private final LegFields fields;

  CandidateRetrieval(IndexSearcher searcher, LegFields fields, EncodedQuery query, int depth, int window, HybridQuery legs) {
    this.fields = fields;
    this.searcher = searcher;
    this.query = query;
    this.depth = depth;
    this.window = window;
    this.legs = legs;
  }

  /**
   * Whether a fused search ranks its candidates by a first pass of MaxSim before scoring the best
   * exactly (see {@link #fused}); {@code -Dm3search.firstPass=false} scores every candidate
   * exactly, to measure what the first pass changes.
   */
  static final boolean FIRST_PASS = !"false".equals(System.getProperty("m3search.firstPass"));

  /**
   * How many candidates of a fused search get their exact MaxSim after the first pass: the best
   * {@code 0.3 · depth} (a leg's list) by the first pass, and at least {@link #EXACT_AT_LEAST}. The
   * number depends on the depth alone, so every page of one search is cut from one ranking. Chosen
   * on the dev queries of six collections (msmarco-5k, SciFact, Cranfield, CISI, MED, NPL; depth
   * 100): with 30, every leg's and the hybrid's nDCG@10 stayed within 0.002 of exact scoring of all
   * candidates, or above it; with 20, MED's hybrid lost 0.0045 and Cranfield's ColBERT 0.0023.
   */
  static int exactlyScored(int depth) {
    return Math.max(EXACT_AT_LEAST, (3 * depth + 9) / 10);
  }

  /** Three pages of ten: this many candidates or fewer are all scored exactly, with no first pass. */
  static final int EXACT_AT_LEAST = 30;

  /**
   * Dense and sparse top lists retrieved concurrently; ColBERT's list is its best {@code depth} of
   * their union. Where a segment's token codes have a first pass (2bit), MaxSim is estimated for
   * every candidate, and the {@link #exactlyScored} best by the mode's score on those estimates are
   * scored exactly, and so is every other that could still reach the first page at the largest
   * error seen; the others keep the estimate, shifted by how far the exact scores lay from theirs on
   * average, and rank below every exactly scored candidate.
   */
  FusedDocsQuery fused(SearchMode mode, Fusion fusion) throws IOException {
    // the sparse query is weighed twice, for its list and for the candidates: its terms are looked up once
    EncodedQuery bound = new EncodedQuery(query.dense(), SparseQueries.withTermStates(searcher, query.sparse()), query.tokenVectors());
    List<Callable<ScoreDoc[]>> firstStage = List.of(
        () -> top(legs.denseQuery(), depth),
        () -> top(legs.sparseQuery(bound.sparse()), depth));
    List<ScoreDoc[]> lists = searcher.getTaskExecutor().invokeAll(firstStage);
    int[] dense = sortedDocs(lists.get(0));
    int[] sparse = sortedDocs(lists.get(1));
    int[] docs = union(dense, sparse);
    boolean[] estimated = new boolean[docs.length];
    SegmentMaxSim[] scorers = new SegmentMaxSim[searcher.getIndexReader().leaves().size()];
    LegScores[] scores = FIRST_PASS && docs.length > exactlyScored(depth)
        ? ExactLegScores.firstPass(searcher, fields, docs, bound, estimated, scorers)
        : ExactLegScores.score(searcher, fields, docs, bound);
    List<FusionCandidate> candidates = candidates(docs, scores, dense, sparse);
    if (any(estimated)) {
      Function<LegScores[], float[]> modeScoresOf = legs -> modeScores(mode, fusion, candidates(docs, legs, dense, sparse));
      scores = scoreTheBestExactly(docs, scores, estimated, modeScores(mode, fusion, candidates), modeScoresOf, scorers);
      candidates = candidates(docs, scores, dense, sparse);
    }
    return rank(mode, fusion, docs, candidates, estimated);
  }

  /** Every set of legs, by a bit per leg (dense 1, sparse 2, ColBERT 4): immutable, so candidates share them. */
  private static final List<Set<Leg>> RETRIEVED_BY = IntStream.range(0, 8)
      .mapToObj(bits -> Set.of(Arrays.stream(Leg.values()).filter(leg -> (bits >> leg.ordinal() & 1) != 0).toArray(Leg[]::new)))
      .toList();

  /** The candidates {@code docs} with their scores and the legs whose top lists ({@code dense}, {@code sparse}: sorted) hold them. */
  private List<FusionCandidate> candidates(int[] docs, LegScores[] scores, int[] dense, int[] sparse) {
    boolean[] colbert = topOf(scores, Leg.COLBERT, depth);
    List<FusionCandidate> candidates = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      int bits = (Arrays.binarySearch(dense, docs[i]) >= 0 ? 1 << Leg.DENSE.ordinal() : 0)
          | (Arrays.binarySearch(sparse, docs[i]) >= 0 ? 1 << Leg.SPARSE.ordinal() : 0)
          | (colbert[i] ? 1 << Leg.COLBERT.ordinal() : 0);
      candidates.add(new FusionCandidate(scores[i], RETRIEVED_BY.get(bits)));
    }
    return candidates;
  }

  private static int[] sortedDocs(ScoreDoc[] hits) {
    int[] docs = new int[hits.length];
    for (int i = 0; i < hits.length; i++) {
      docs[i] = hits[i].doc;
    }
    Arrays.sort(docs);
    return docs;
  }

  /** The union of two sorted doc id lists (each without repeats), sorted. */
  private static int[] union(int[] a, int[] b) {
    int[] union = new int[a.length + b.length];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (j == b.length || (i < a.length && a[i] < b[j])) {
        union[n++] = a[i++];
      } else if (i == a.length || b[j] < a[i]) {
        union[n++] = b[j++];
      } else {
        union[n++] = a[i++];
        j++;
      }
    }
    return Arrays.copyOf(union, n);
  }

  /**
   * The scores with exact MaxSim for the {@link #exactlyScored} best candidates by {@code
   * firstPass} (the mode's score on the estimates), and for every other candidate that could still reach the first page
   * ({@link EstimateError#mayReachTheTop}): its estimate raised by the largest error seen so far,
   * round after round until none can. The estimates left are shifted by the mean difference, so that
   * fusions which normalise over the candidates see them on the exact scores' scale (the first
   * pass's maximum over noisier products lies above the exact one). A document without token
   * vectors scores 0 both ways and is not shifted.
   */
  private LegScores[] scoreTheBestExactly(int[] docs, LegScores[] scores, boolean[] estimated, float[] firstPass,
      Function<LegScores[], float[]> modeScoresOf, SegmentMaxSim[] scorers) throws IOException {
    int[] best = Ranking.byScore(firstPass);
    int n = Math.min(best.length, exactlyScored(depth));
    int[] first = new int[n];
    int count = 0;
    for (int b = 0; b < n; b++) {
      if (estimated[best[b]]) {
        first[count++] = best[b];
      }
    }
    first = Arrays.copyOf(first, count);
    Arrays.sort(first);
    EstimateError error = EstimateError.settle(first, estimated, (batch, errors) -> {
      float[] exactScores = ExactLegScores.maxSim(searcher, pick(docs, batch), scorers);
      for (int e = 0; e < batch.length; e++) {
        LegScores s = scores[batch[e]];
        errors.add(exactScores[e], s.colbert());
        scores[batch[e]] = new LegScores(s.dense(), s.sparse(), exactScores[e]);
      }
    }, shift -> modeScoresOf.apply(shifted(scores, estimated, (float) shift)));
    return shifted(scores, estimated, error.mean());
  }

  /** The scores with every estimated MaxSim (but a document's without tokens, 0) moved by {@code by}. */
  private static LegScores[] shifted(LegScores[] scores, boolean[] estimated, float by) {
    LegScores[] moved = scores.clone();
    for (int i = 0; i < moved.length; i++) {
      LegScores s = moved[i];
      if (estimated[i] && s.colbert() != 0) {
        moved[i] = new LegScores(s.dense(), s.sparse(), s.colbert() + by);
      }
    }
    return moved;
  }

  private static boolean any(boolean[] values) {
    for (boolean v : values) {
      if (v) {
        return true;
      }
    }
    return false;
  }

  /**
   * The leg's top list with its scores: the dense dot products (reproducible for every document that
   * may reach the window, see {@link #reproducibleNearTheWindow}; below it those the kNN search
   * computed, see {@link ExactLegScores#dense(IndexSearcher, LegFields, int[], float[], boolean[], float[])}),
   * or the sparse scores. Documents whose score ties another's are ordered by their dense score,
   * and those still tied by every leg ({@link Ranking#SINGLE_LEG_TIE_ORDER}): lexical scores tie
   * often, and a dot product per tied document costs far less than MaxSim, which needs the query
   * quantised for every segment.
   */
  SingleLegDocsQuery singleLeg(SearchMode mode) throws IOException {
    Query leg = mode == SearchMode.DENSE ? legs.denseQuery() : legs.sparseQuery(query.sparse());
    ScoreDoc[] top = mode == SearchMode.DENSE ? top(leg, depth) : sparseTop(leg);
    long[] byDoc = new long[top.length];
    for (int i = 0; i < top.length; i++) {
      byDoc[i] = ((long) top[i].doc << 32) | i;
    }
    Arrays.sort(byDoc);
    int[] docs = new int[top.length];
    float[] scores = new float[top.length];
    int[] topOrder = new int[top.length];
    for (int i = 0; i < top.length; i++) {
      docs[i] = (int) (byDoc[i] >>> 32);
      scores[i] = top[(int) byDoc[i]].score;
      topOrder[(int) byDoc[i]] = i;
    }
    int[] ranking;
    if (mode == SearchMode.DENSE) {
      // the kNN list comes in no particular order
      boolean[] byFloats = ExactLegScores.scoredByFloats(searcher, fields, docs, legs.denseRescored());
      float[] approximate = ExactLegScores.dense(searcher, fields, docs, scores, byFloats, query.dense());
      ranking = Ranking.byScore(approximate);
      scores = reproducibleNearTheWindow(docs, approximate, byFloats, ranking);
    } else {
      // the sparse list comes by score, equal scores by doc id: the ranking already
      ranking = topOrder;
    }
    Ranking.reorder(ranking, scores);
    LegScores[] legScores = tieBreakingLegs(mode, docs, scores, ranking);
    float[] separated = Ranking.separated(docs, scores, legScores, Ranking.SINGLE_LEG_TIE_ORDER, ranking);
    return new SingleLegDocsQuery(
        searcher.getIndexReader().getContext().id(), docs, separated, ranking, scores, window, mode, depth, leg);
  }

  /**
   * How far a dot product the kNN search computed may lie from the reproducible one: Lucene's
   * vector scorers sum in another order (and bulk and single scoring differ), by at most about n
   * float roundings of the unit vectors' products; 1e-4 covers 384 dimensions many times over.
   */
  private static final float KNN_DOT_ERROR = 1e-4f;

  /**
   * The dense scores, recomputed with the reproducible dot product for every document that may
   * reach the window: the kNN search's own scores can differ by an ulp between two runs of one
   * search (they depend on which path scored a vector), and the scores a page shows must repeat
   * bit for bit. Documents further below keep the kNN scores; the query answers none of them.
   * Those {@code fromKnn} says were scored on codes already have the reproducible dot product.
   */
  private float[] reproducibleNearTheWindow(int[] docs, float[] approximate, boolean[] fromKnn, int[] byScore)
      throws IOException {
    float cut = window < docs.length ? approximate[byScore[window - 1]] - KNN_DOT_ERROR : Float.NEGATIVE_INFINITY;
    int[] near = new int[docs.length];
    int count = 0;
    for (int i = 0; i < docs.length; i++) {
      if (fromKnn[i] && approximate[i] >= cut) {
        near[count++] = i;
      }
    }
    near = Arrays.copyOf(near, count);
    float[] exact = ExactLegScores.dense(searcher, fields, pick(docs, near), query.dense());
    float[] scores = approximate.clone();
    for (int n = 0; n < near.length; n++) {
      scores[near[n]] = exact[n];
    }
    return scores;
  }

  /**
   * The sparse top list a window needs: the top {@code window}, as a collector of that many gets
   * it, and every document tying its last score (so that ties are ordered on all the documents that
   * share a score), up to the top {@code depth}, in one pass.
   */
  private ScoreDoc[] sparseTop(Query leg) throws IOException {
    int n = Math.min(window, depth);
    if (n >= depth) {
      return top(leg, depth);
    }
    return searcher.search(leg, new TopWithTiesCollectorManager(n, depth));
  }

  /**
   * A leg's top {@code n}. Its total hit count is not needed (the rewritten query's collector counts
   * what it answers), so the collector lets the leg skip documents from the first hit on, where
   * {@code searcher.search(query, n)} counts the first 1,000 matches exactly.
   */
  private ScoreDoc[] top(Query leg, int n) throws IOException {
    if (leg instanceof KnnTopDocsQuery knn && knn.getK() == n) {
      return knn.topDocs(searcher);
    }
    return searcher.search(leg, new TopScoreDocCollectorManager(n, 1)).scoreDocs;
  }

  /**
   * The leg scores that order a single leg's tied documents: null for a document whose score no
   * other has; its dense score (beside its sparse score) where that sets it apart; every leg for a
   * document tied on both. Only ties the window reaches are ordered: the query answers no document
   * below it, and a top 100 of dense scores holds ties (duplicate passages) far more often than its
   * top 10.
   */
  private LegScores[] tieBreakingLegs(SearchMode mode, int[] docs, float[] scores, int[] byScore) throws IOException {
    LegScores[] legs = new LegScores[docs.length];
    int[] tied = tiedInTheWindow(scores, byScore);
    if (tied.length == 0) {
      return legs;
    }
    float[] dense = new float[docs.length];
    if (mode == SearchMode.DENSE) {
      dense = scores;
    } else {
      float[] tiedDense = ExactLegScores.dense(searcher, fields, pick(docs, tied), query.dense());
      for (int t = 0; t < tied.length; t++) {
        dense[tied[t]] = tiedDense[t];
      }
    }
    // the sparse score is the score in sparse mode; in dense mode it is only needed with every leg
    float[] keys = new float[tied.length];
    for (int t = 0; t < tied.length; t++) {
      int i = tied[t];
      legs[i] = new LegScores(dense[i], mode == SearchMode.SPARSE ? scores[i] : 0, 0);
      keys[t] = dense[i];
    }
    int[] stillTied = stillTied(tied, scores, keys);
    LegScores[] full = ExactLegScores.score(searcher, fields, pick(docs, stillTied), query);
    for (int s = 0; s < stillTied.length; s++) {
      legs[stillTied[s]] = full[s];
    }
    return legs;
  }

  /**
   * The positions, in doc id order, of the documents sharing their score with another and scoring
   * at least the window's last: the ties the answer shows. {@code byScore} orders the scores.
   */
  private int[] tiedInTheWindow(float[] scores, int[] byScore) {
    if (scores.length == 0) {
      return new int[0];
    }
    float last = scores[byScore[Math.min(window, scores.length) - 1]];
    boolean[] tied = Ranking.tied(scores, byScore);
    int[] positions = new int[scores.length];
    int count = 0;
    for (int i = 0; i < scores.length; i++) {
      if (tied[i] && scores[i] >= last) {
        positions[count++] = i;
      }
    }
    return Arrays.copyOf(positions, count);
  }

  /** The positions among {@code tied} that share both their score and their key with another. */
  private static int[] stillTied(int[] tied, float[] scores, float[] keys) {
    boolean[] still = new boolean[tied.length];
    for (int a = 0; a < tied.length; a++) {
      for (int b = a + 1; b < tied.length; b++) {
        if (scores[tied[a]] == scores[tied[b]] && keys[a] == keys[b]) {
          still[a] = still[b] = true;
        }
      }
    }
    return IntStream.range(0, tied.length).filter(t -> still[t]).map(t -> tied[t]).toArray();
  }

  private static int[] pick(int[] docs, int[] positions) {
    int[] picked = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      picked[i] = docs[positions[i]];
    }
    return picked;
  }

  /**
   * The mode's score of every candidate, equal scores set apart by the legs (see {@link Ranking});
   * candidates whose MaxSim is an estimate ({@code estimated}) score below every other, in their own
   * order: all lowered by one amount, so that the best of them scores just below the lowest exact one.
   */
  private FusedDocsQuery rank(SearchMode mode, Fusion fusion, int[] docs, List<FusionCandidate> candidates,
      boolean[] estimated) {
    float[] scores = modeScores(mode, fusion, candidates);
    float lowestExact = Float.POSITIVE_INFINITY;
    float bestEstimated = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < scores.length; i++) {
      if (estimated[i]) {
        bestEstimated = Math.max(bestEstimated, scores[i]);
      } else {
        lowestExact = Math.min(lowestExact, scores[i]);
      }
    }
    float below = Math.nextDown(lowestExact);
    float lowering = Math.max(0, bestEstimated - below);
    for (int i = 0; i < scores.length; i++) {
      if (estimated[i]) {
        scores[i] = Math.min(scores[i] - lowering, below); // min: the subtraction rounds
      }
    }
    LegScores[] legScores = candidates.stream().map(FusionCandidate::legs).toArray(LegScores[]::new);
    int[] ranking = Ranking.byScore(scores);
    float[] separated = Ranking.separated(docs, scores, legScores, Ranking.FUSED_TIE_ORDER, ranking);
    return new FusedDocsQuery(
        searcher.getIndexReader().getContext().id(), docs, separated, ranking, scores, window, candidates,
        mode == SearchMode.HYBRID ? fusion : null, mode, estimated);
  }

  private static float[] modeScores(SearchMode mode, Fusion fusion, List<FusionCandidate> candidates) {
    return switch (mode) {
      case HYBRID -> fusion.fuse(candidates);
      case DENSE -> legScores(candidates, Leg.DENSE);
      case SPARSE -> legScores(candidates, Leg.SPARSE);
      case COLBERT -> legScores(candidates, Leg.COLBERT);
    };
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
}
