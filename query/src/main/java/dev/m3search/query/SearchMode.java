package dev.m3search.query;

/** Which legs rank the results. */
public enum SearchMode {
  /** All three legs, fused. */
  HYBRID,
  /** Dense kNN only. */
  DENSE,
  /** Sparse only. */
  SPARSE,
  /** ColBERT MaxSim over the hybrid candidates. */
  COLBERT
}
