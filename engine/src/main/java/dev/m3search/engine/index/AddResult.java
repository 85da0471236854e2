package dev.m3search.engine.index;

/**
 * What one {@link M3Index#add} call did.
 *
 * @param documents documents added or replaced
 * @param truncated texts cut to the model's maximum length
 * @param encodeNanos time spent in the model
 * @param writeNanos time spent building and adding Lucene documents
 */
public record AddResult(int documents, int truncated, long encodeNanos, long writeNanos) {}
