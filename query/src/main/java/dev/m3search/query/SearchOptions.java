package dev.m3search.query;

import java.util.Objects;
import org.apache.lucene.search.Query;

/**
 * How to search.
 *
 * @param k how many hits to return
 * @param candidates how many candidates each first-stage leg (dense kNN, sparse) contributes
 * @param mode which legs rank the results
 * @param fusion how leg scores combine in {@link SearchMode#HYBRID}
 * @param filter documents must match this query (applied inside kNN and sparse search); null for
 *     none
 */
public record SearchOptions(int k, int candidates, SearchMode mode, Fusion fusion, Query filter) {
  public static final int DEFAULT_K = 10;
  public static final int DEFAULT_CANDIDATES = 100;

  public SearchOptions {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be at least 1, got " + candidates);
    }
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(fusion, "fusion");
  }

  public static SearchOptions defaults(Fusion fusion) {
    return new SearchOptions(DEFAULT_K, DEFAULT_CANDIDATES, SearchMode.HYBRID, fusion, null);
  }

  public SearchOptions withK(int newK) {
    return new SearchOptions(newK, Math.max(candidates, newK), mode, fusion, filter);
  }

  public SearchOptions withMode(SearchMode newMode) {
    return new SearchOptions(k, candidates, newMode, fusion, filter);
  }

  public SearchOptions withFusion(Fusion newFusion) {
    return new SearchOptions(k, candidates, mode, newFusion, filter);
  }

  public SearchOptions withFilter(Query newFilter) {
    return new SearchOptions(k, candidates, mode, fusion, newFilter);
  }
}
