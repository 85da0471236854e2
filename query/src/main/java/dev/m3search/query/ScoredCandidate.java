package dev.m3search.query;

/** A ranked document: its global Lucene doc id, the fused score and the score of every leg. */
public record ScoredCandidate(int doc, float score, LegScores legs) {}
