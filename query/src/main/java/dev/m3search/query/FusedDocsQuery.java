package dev.m3search.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;

/**
 * What a hybrid or ColBERT {@link HybridQuery} rewrites to: its candidates with their fused
 * scores, for the reader it was rewritten on. It matches exactly the candidates; its explanation
 * gives each leg's score and part in the fusion.
 */
public final class FusedDocsQuery extends DocListQuery {
  /** What fusion made of each candidate, in the order of {@code docs}. */
  private final List<FusionCandidate> candidates;
  /** Candidate positions, best first. */
  private final int[] ranking;
  private final Fusion fusion;
  private final SearchMode mode;

  FusedDocsQuery(
      Object readerId, int[] docs, float[] scores, int[] ranking, List<FusionCandidate> candidates, Fusion fusion, SearchMode mode) {
    super(readerId, docs, scores);
    this.ranking = ranking;
    this.candidates = candidates;
    this.fusion = fusion;
    this.mode = mode;
  }

  /** How many candidates there are. */
  public int size() {
    return docs.length;
  }

  /**
   * Hits {@code from} to {@code from + size} of the ranking. Equal scores are ordered by ColBERT,
   * dense and sparse score, not by doc id as a Lucene collector would: the order stays when
   * segments merge.
   */
  public TopDocs page(int from, int size) {
    int end = Math.min(ranking.length, from + size);
    List<ScoreDoc> hits = new ArrayList<>();
    for (int r = from; r < end; r++) {
      hits.add(new ScoreDoc(docs[ranking[r]], scores[ranking[r]]));
    }
    return new TopDocs(new TotalHits(docs.length, TotalHits.Relation.EQUAL_TO), hits.toArray(ScoreDoc[]::new));
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
    if (fusion != null) {
      return fusion.explain(candidates, i);
    }
    LegScores legs = candidates.get(i).legs();
    String leg = mode.name().toLowerCase(Locale.ROOT);
    return Explanation.match(scores[i], leg + " score of a candidate (" + describe(legs) + ")");
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
