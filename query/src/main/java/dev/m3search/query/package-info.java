/**
 * Query-time code of m3search: {@link dev.m3search.query.HybridQuery}, the Lucene query that
 * retrieves the dense and sparse top lists, scores their union on every leg ({@link
 * dev.m3search.query.LegScorer}, MaxSim on the stored codes) and fuses ({@link
 * dev.m3search.query.Fusion}) into a {@link dev.m3search.query.FusedDocsQuery}; and the sparse-leg
 * queries over impact postings.
 */
package dev.m3search.query;
