package dev.m3search.engine.index;

import dev.m3search.query.LegScores;

/** A document id with its score on each leg. */
public record LegScoredDocument(String id, LegScores legs) {}
