/**
 * Query-time code of m3search: {@link dev.m3search.query.HybridQuery}, the Lucene query that
 * retrieves the dense and sparse top lists, scores their union on every leg ({@link
 * dev.m3search.query.ExactLegScores}, MaxSim on the stored codes, after a first pass where the
 * codes have one) and fuses ({@link
 * dev.m3search.query.Fusion}) into a {@link dev.m3search.query.FusedDocsQuery}, or ranks one leg's
 * top list; the sparse-leg queries over impact postings; and {@link
 * dev.m3search.query.ExhaustiveCandidates}, the exact ceiling evaluation measures against.
 *
 * <p>Paging: a {@link dev.m3search.query.HybridQuery} is defined by what it retrieves (mode,
 * fusion, candidate depth, filter), and {@link dev.m3search.query.SearchOptions#from()} and {@link
 * dev.m3search.query.SearchOptions#k()} are the collector's: {@code searcher.search(query, from +
 * k)} from {@code from} on is the page, and pages of any size and offset concatenate to the top of
 * one larger search. The ranking holds the top {@code candidates} of a single leg, or the union of
 * the dense and sparse top {@code candidates}; a page past its end is short or empty. Equal scores
 * are ordered by the legs (ColBERT, dense, sparse in a fused search; dense, ColBERT in a single-leg
 * one), and set apart by an ulp so that every collector
 * keeps that order. The package docs of {@code dev.m3search.engine.index} hold a complete example
 * (a test runs it), with the query of an index's own dense oversampling from {@code
 * IndexSnapshot.query}.
 */
package dev.m3search.query;
