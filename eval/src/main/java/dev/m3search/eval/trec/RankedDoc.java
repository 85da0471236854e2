package dev.m3search.eval.trec;

/** A document in a ranking, with the score it was ranked by. */
public record RankedDoc(String docId, double score) {}
