package dev.m3search.query;

import java.util.Objects;
import org.apache.lucene.search.Query;

/**
 * How to search.
 *
 * @param k how many hits to return (the page size)
 * @param from how many of the best hits to skip (the page start)
 * @param candidates how many documents each first-stage leg (dense kNN, sparse) retrieves; ColBERT
 *     rescores their union. At least {@code from + k} are retrieved whatever this says.
 * @param mode which legs rank the results
 * @param fusion how leg scores combine in {@link SearchMode#HYBRID}
 * @param filter documents must match this query (applied inside kNN and sparse search); null for
 *     none
 * @param legScores in the single-leg modes {@link SearchMode#DENSE} and {@link SearchMode#SPARSE},
 *     also score the hits on the other legs (hybrid and ColBERT searches always have them)
 */
public record SearchOptions(int k, int from, int candidates, SearchMode mode, Fusion fusion, Query filter, boolean legScores) {
  public static final int DEFAULT_K = 10;
  /** Chosen with {@code eval --split dev --candidates N}; see the README. */
  public static final int DEFAULT_CANDIDATES = 100;

  public SearchOptions {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    if (from < 0) {
      throw new IllegalArgumentException("from must not be negative, got " + from);
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

  /** How many documents each first-stage leg retrieves: the candidates, and never fewer than the page's end. */
  public int depth() {
    return Math.max(candidates, from + k);
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

  public SearchOptions withLegScores(boolean all) {
    return new SearchOptions(k, from, candidates, mode, fusion, filter, all);
  }
}
