package dev.m3search.eval.compare;

import java.util.Map;

/**
 * Documents and queries for {@code bench --compare-lucene}, as vectors: the same values are
 * indexed once with m3search's formats and once with Lucene's stock fields.
 */
interface ComparisonCorpus {
  String name();

  int size();

  float[] dense(int doc);

  float[][] tokens(int doc);

  /** Learned sparse weights of a document, or null when the corpus has none. */
  Map<String, Float> sparse(int doc);

  int queryCount();

  float[] queryDense(int query);

  float[][] queryTokens(int query);

  Map<String, Float> querySparse(int query);
}
