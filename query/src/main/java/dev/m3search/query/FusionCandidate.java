package dev.m3search.query;

import dev.m3search.codecs.Leg;
import java.util.Set;

/**
 * A document to fuse: its exact score on every leg, and the legs whose top list retrieved it.
 * Reciprocal rank fusion counts a leg only for the documents that leg retrieved; the score-based
 * fusions use every leg's score.
 */
public record FusionCandidate(LegScores legs, Set<Leg> retrievedBy) {
  public FusionCandidate {
    retrievedBy = Set.copyOf(retrievedBy);
  }

  public boolean retrievedBy(Leg leg) {
    return retrievedBy.contains(leg);
  }
}
