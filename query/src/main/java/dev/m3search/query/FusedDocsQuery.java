package dev.m3search.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;

/**
 * What a hybrid or ColBERT {@link HybridQuery} rewrites to: its candidates with their fused
 * scores, for the reader it was rewritten on. It matches the candidates of its window; its explanation
 * gives each leg's score and part in the fusion. Equal fused scores are set apart as {@link
 * Ranking} says, so any collector orders them by ColBERT, dense and sparse score.
 */
public final class FusedDocsQuery extends DocListQuery {
  /** What fusion made of each candidate, in the order of {@code docs}. */
  private final List<FusionCandidate> candidates;
  /** The mode's score of each candidate before equal scores were set apart. */
  private final float[] unseparated;
  private final Fusion fusion;
  private final SearchMode mode;
  /** Which candidates kept the first pass's MaxSim estimate, and so rank below the others. */
  private final boolean[] estimated;

  FusedDocsQuery(
      Object readerId, int[] docs, float[] scores, int[] ranking, float[] unseparated, int window,
      List<FusionCandidate> candidates, Fusion fusion, SearchMode mode, boolean[] estimated) {
    super(readerId, docs, scores, ranking, window);
    this.unseparated = unseparated;
    this.candidates = candidates;
    this.fusion = fusion;
    this.mode = mode;
    this.estimated = estimated;
  }

  /** Whether candidate {@code i}'s ColBERT score is the first pass's estimate, not its exact MaxSim. */
  public boolean estimated(int i) {
    return estimated[i];
  }

  /** How many candidates there are. */
  public int size() {
    return docs.length;
  }

  /** The global doc id of candidate {@code i} (candidates are in increasing doc id order). */
  public int doc(int i) {
    return docs[i];
  }

  /** Candidate {@code i}: its leg scores and the legs that retrieved it. */
  public FusionCandidate candidate(int i) {
    return candidates.get(i);
  }

  /** The leg scores of a candidate (a global doc id), or null when it is not one. */
  public LegScores legScores(int doc) {
    int i = Arrays.binarySearch(docs, doc);
    return i < 0 ? null : candidates.get(i).legs();
  }

  /** Why {@code doc} (a global doc id) has its score. */
  public Explanation explain(int doc) {
    int i = Arrays.binarySearch(docs, doc);
    if (i < 0) {
      return Explanation.noMatch("not a candidate: in no leg's top list");
    }
    Explanation why;
    if (fusion != null) {
      why = fusion.explain(candidates, i);
    } else {
      String leg = mode.name().toLowerCase(Locale.ROOT);
      why = Explanation.match(unseparated[i], leg + " score of a candidate (" + describe(candidates.get(i).legs()) + ")");
    }
    if (estimated[i]) {
      why = belowTheExact(unseparated[i], why);
    }
    return SingleLegDocsQuery.separated(scores[i], unseparated[i], why);
  }

  /** {@code why}, with the amount a candidate scored on the first pass's estimate was lowered by. */
  private static Explanation belowTheExact(float score, Explanation why) {
    Explanation below = Explanation.match(score - why.getValue().floatValue(),
        "ranked below every candidate scored exactly: its ColBERT score is the first pass's estimate");
    if (why.getDetails().length == 0) {
      return Explanation.match(score, why.getDescription(), why, below);
    }
    List<Explanation> parts = new ArrayList<>(List.of(why.getDetails()));
    parts.add(below);
    return Explanation.match(score, why.getDescription(), parts);
  }

  private static String describe(LegScores legs) {
    return String.format(Locale.ROOT, "dense %s, sparse %s, colbert %s", legs.dense(), legs.sparse(), legs.colbert());
  }

  @Override
  Explanation explain(IndexSearcher searcher, LeafReaderContext context, int doc, float boost) {
    Explanation e = explain(context.docBase + doc);
    return boost == 1f || !e.isMatch() ? e : Explanation.match(e.getValue().floatValue() * boost, "boost " + boost, e);
  }

  @Override
  public String toString(String field) {
    return "FusedDocsQuery(" + docs.length + " candidates)";
  }
}
