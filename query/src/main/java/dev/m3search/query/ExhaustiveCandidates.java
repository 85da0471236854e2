package dev.m3search.query;

import dev.m3search.codecs.Leg;
import dev.m3search.codecs.LegFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/**
 * The ceiling an approximate search is measured against ({@code eval --exact}): every document
 * passing the filter scored on every leg, each leg's exact top {@code depth} taken from those
 * scores, and their union with the legs that retrieved each, to fuse as a hybrid search fuses its
 * candidates. It reads every document, so it is for evaluation, not a query to serve.
 */
public final class ExhaustiveCandidates {
  private ExhaustiveCandidates() {}

  /** A candidate: its global doc id, its leg scores and the legs whose exact top list holds it. */
  public record Candidate(int doc, FusionCandidate fusion) {}

  /** The union of every leg's exact top {@code depth}, in increasing doc id order. */
  public static List<Candidate> score(IndexSearcher searcher, LegFields fields, EncodedQuery query, int depth, Query filter)
      throws IOException {
    int[] all = matching(searcher, filter == null ? new MatchAllDocsQuery() : filter);
    LegScores[] scores = ExactLegScores.score(searcher, fields, all, query);
    boolean[] dense = CandidateRetrieval.topOf(scores, Leg.DENSE, depth);
    boolean[] sparse = CandidateRetrieval.topOf(scores, Leg.SPARSE, depth);
    boolean[] colbert = CandidateRetrieval.topOf(scores, Leg.COLBERT, depth);
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      Set<Leg> retrievedBy = EnumSet.noneOf(Leg.class);
      if (dense[i]) {
        retrievedBy.add(Leg.DENSE);
      }
      // as the sparse search, which matches only documents sharing a term with the query
      if (sparse[i] && scores[i].sparse() > 0) {
        retrievedBy.add(Leg.SPARSE);
      }
      if (colbert[i]) {
        retrievedBy.add(Leg.COLBERT);
      }
      if (!retrievedBy.isEmpty()) {
        candidates.add(new Candidate(all[i], new FusionCandidate(scores[i], retrievedBy)));
      }
    }
    return candidates;
  }

  /** Global ids of the live documents matching {@code query}, in increasing order. */
  private static int[] matching(IndexSearcher searcher, Query query) throws IOException {
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    List<Integer> docs = new ArrayList<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      DocIdSetIterator it = scorer.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (live == null || live.get(doc)) {
          docs.add(leaf.docBase + doc);
        }
      }
    }
    return docs.stream().mapToInt(Integer::intValue).toArray();
  }
}
