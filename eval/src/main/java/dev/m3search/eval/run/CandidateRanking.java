package dev.m3search.eval.run;

import dev.m3search.engine.index.LegScoredDocument;
import dev.m3search.eval.trec.RankedDoc;
import dev.m3search.eval.trec.TrecRun;
import dev.m3search.query.Fusion;
import dev.m3search.codecs.Leg;
import java.util.ArrayList;
import java.util.List;

/** Rankings of one query's scored candidates, by one leg or by a fusion. */
public final class CandidateRanking {
  private CandidateRanking() {}

  /** By one leg, over the candidates that leg retrieved (its top list). */
  public static List<RankedDoc> byLeg(List<LegScoredDocument> candidates, Leg leg, int depth) {
    List<RankedDoc> ranked = new ArrayList<>(candidates.size());
    for (LegScoredDocument c : candidates) {
      if (c.candidate().retrievedBy(leg)) {
        ranked.add(new RankedDoc(c.id(), c.legs().of(leg)));
      }
    }
    return top(ranked, depth);
  }

  public static List<RankedDoc> byFusion(List<LegScoredDocument> candidates, Fusion fusion, int depth) {
    float[] fused = fusion.fuse(candidates.stream().map(LegScoredDocument::candidate).toList());
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
