package dev.m3search.eval.run;

import dev.m3search.engine.index.LegScoredDocument;
import dev.m3search.eval.trec.RankedDoc;
import dev.m3search.eval.trec.TrecRun;
import dev.m3search.query.Fusion;
import dev.m3search.query.Leg;
import java.util.ArrayList;
import java.util.List;

/** Rankings of one query's scored candidates, by one leg or by a fusion. */
public final class CandidateRanking {
  private CandidateRanking() {}

  /** By one leg; for the sparse leg only documents that share a term with the query, as a sparse search returns. */
  public static List<RankedDoc> byLeg(List<LegScoredDocument> candidates, Leg leg, int depth) {
    List<RankedDoc> ranked = new ArrayList<>(candidates.size());
    for (LegScoredDocument c : candidates) {
      float score = c.legs().of(leg);
      if (leg != Leg.SPARSE || score > 0) {
        ranked.add(new RankedDoc(c.id(), score));
      }
    }
    return top(ranked, depth);
  }

  public static List<RankedDoc> byFusion(List<LegScoredDocument> candidates, Fusion fusion, int depth) {
    float[] fused = fusion.fuse(candidates.stream().map(LegScoredDocument::legs).toList());
    List<RankedDoc> ranked = new ArrayList<>(candidates.size());
    for (int i = 0; i < fused.length; i++) {
      ranked.add(new RankedDoc(candidates.get(i).id(), fused[i]));
    }
    return top(ranked, depth);
  }

  private static List<RankedDoc> top(List<RankedDoc> ranked, int depth) {
    ranked.sort(TrecRun.TREC_EVAL_ORDER);
    return new ArrayList<>(ranked.subList(0, Math.min(depth, ranked.size())));
  }
}
