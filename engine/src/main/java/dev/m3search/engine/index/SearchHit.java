package dev.m3search.engine.index;

import dev.m3search.query.LegScores;
import java.util.Map;

/**
 * One result: the document, its fused score and the score of each leg (the explanation).
 *
 * @param metadata as {@link SourceDocument#metadata()}: dotted keys, a list for a multi-valued key
 */
public record SearchHit(
    int rank, String id, float score, LegScores legs, String title, String text, Map<String, ?> metadata) {}
