package dev.m3search.engine.index;

import dev.m3search.query.LegScores;
import java.util.Map;

/**
 * One result: the document, its score and the score of each leg.
 *
 * @param rank from 1, counting from the first hit of the first page
 * @param score the fused score (hybrid), the dense dot product, the sparse score or MaxSim (the
 *     single-leg modes), or the cross-encoder's score when reranked
 * @param legs each leg's score, never null: every leg's in the hybrid and ColBERT modes; in the
 *     dense and sparse modes the ranking leg's, and the others' when {@link
 *     dev.m3search.query.SearchOptions#legScores()} asks for them (NaN otherwise, see {@link
 *     LegScores#has}). In a hybrid or ColBERT search on 2bit codes, a hit ranked below the
 *     candidates scored exactly after the first pass (at least {@code HybridQuery.exactlyScored},
 *     30 of the default 100 candidates a leg) carries the first pass's ColBERT estimate
 * @param metadata as {@link SourceDocument#metadata()}: dotted keys, a list for a multi-valued key
 */
public record SearchHit(
    int rank, String id, float score, LegScores legs, String title, String text, Map<String, ?> metadata) {

  /** The same hit at another rank with another score (a reranked hit). */
  public SearchHit rescored(int newRank, float newScore) {
    return new SearchHit(newRank, id, newScore, legs, title, text, metadata);
  }
}
