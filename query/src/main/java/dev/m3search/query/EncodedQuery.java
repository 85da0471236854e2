package dev.m3search.query;

import org.apache.lucene.search.Query;

/**
 * A query in the three representations the index holds.
 *
 * @param dense the L2-normalised query vector
 * @param sparse the sparse-leg query (see {@link SparseQueries})
 * @param tokenVectors the L2-normalised query token vectors
 */
public record EncodedQuery(float[] dense, Query sparse, float[][] tokenVectors) {}
