package dev.m3search.query;

import java.util.Objects;
import org.apache.lucene.search.Query;

/**
 * How to search: what to retrieve (mode, fusion, candidates, filter), which slice of it to show
 * (from, k), and whether single-leg hits carry every leg's score (legScores).
 *
 * <p>Paging: the ranking is a function of the query, the mode, the fusion, {@code candidates} and
 * the filter only; {@code from} and {@code k} only slice it. Pages of any size at any offset
 * therefore concatenate to the top of one larger search with the same options. What is ranked:
 *
 * <ul>
 *   <li>{@link SearchMode#DENSE}: the kNN top {@code candidates} (HNSW, with float rescoring of an
 *       oversampled top in a quantised mode);
 *   <li>{@link SearchMode#SPARSE}: the sparse top {@code candidates};
 *   <li>{@link SearchMode#HYBRID} and {@link SearchMode#COLBERT}: the union of the dense and the
 *       sparse top {@code candidates}, between {@code candidates} and twice as many documents.
 * </ul>
 *
 * <p>A page past the end of the ranking has fewer hits, or none: to page deeper, ask for more
 * candidates, the same for every page. {@code from + k} may not exceed {@link #MAX_RESULT_WINDOW}.
 *
 * <p>The cost of the trade: a dense search retrieves {@code candidates} documents even for a page
 * of 10 (the kNN search explores for the top {@code candidates}, which also makes its top 10
 * better). HNSW's top 10 is not in general the first 10 of its top 40, so a kNN depth that grew
 * with {@code from + k} would not give pages of one ranking. A dense search that needs only its
 * top {@code k} asks for {@code candidates = k}. A sparse search collects only its top {@code from
 * + k} (and the documents tied with the last of them): an exact top list is the start of a longer
 * one.
 *
 * @param k how many hits to return (the page size)
 * @param from how many of the best hits to skip (the page start)
 * @param candidates how many documents each first-stage leg (dense kNN, sparse) retrieves: the
 *     depth of the ranking in every mode (see above)
 * @param mode which legs rank the results
 * @param fusion how leg scores combine in {@link SearchMode#HYBRID}
 * @param filter documents must match this query (applied inside kNN and sparse search); null for
 *     none
 * @param legScores whether the hits of a dense or sparse search also carry their scores on the
 *     other legs: k documents' worth of scoring on each, about a quarter of a dense or a sparse
 *     search at k = 10 (hybrid and ColBERT hits carry every leg's score anyway, as their fusion
 *     computes them). Not part of the ranking.
 */
public record SearchOptions(
    int k, int from, int candidates, SearchMode mode, Fusion fusion, Query filter, boolean legScores) {
  public static final int DEFAULT_K = 10;
  /** Chosen with {@code eval --split dev --candidates N}; see the README. */
  public static final int DEFAULT_CANDIDATES = 100;
  /** The largest {@code from + k}, as Elasticsearch's default {@code index.max_result_window}. */
  public static final int MAX_RESULT_WINDOW = 10_000;

  public SearchOptions {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    if (from < 0) {
      throw new IllegalArgumentException("from must not be negative, got " + from);
    }
    if ((long) from + k > MAX_RESULT_WINDOW) {
      throw new IllegalArgumentException("from + k must not exceed " + MAX_RESULT_WINDOW + ", got " + ((long) from + k)
          + "; a search ranks at most twice its candidates, so pages that deep are empty");
    }
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be at least 1, got " + candidates);
    }
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(fusion, "fusion");
  }

  public static SearchOptions defaults(Fusion fusion) {
    return new SearchOptions(DEFAULT_K, 0, DEFAULT_CANDIDATES, SearchMode.HYBRID, fusion, null, false);
  }

  /** The end of the page: how many of the best hits a collector keeps. */
  public int end() {
    return from + k;
  }

  public SearchOptions withK(int newK) {
    return new SearchOptions(newK, from, candidates, mode, fusion, filter, legScores);
  }

  public SearchOptions withFrom(int newFrom) {
    return new SearchOptions(k, newFrom, candidates, mode, fusion, filter, legScores);
  }

  public SearchOptions withCandidates(int newCandidates) {
    return new SearchOptions(k, from, newCandidates, mode, fusion, filter, legScores);
  }

  public SearchOptions withMode(SearchMode newMode) {
    return new SearchOptions(k, from, candidates, newMode, fusion, filter, legScores);
  }

  public SearchOptions withFusion(Fusion newFusion) {
    return new SearchOptions(k, from, candidates, mode, newFusion, filter, legScores);
  }

  public SearchOptions withFilter(Query newFilter) {
    return new SearchOptions(k, from, candidates, mode, fusion, newFilter, legScores);
  }

  /** The same search, its hits carrying every leg's score ({@code true}) or the ranking leg's alone. */
  public SearchOptions withLegScores(boolean newLegScores) {
    return new SearchOptions(k, from, candidates, mode, fusion, filter, newLegScores);
  }
}
