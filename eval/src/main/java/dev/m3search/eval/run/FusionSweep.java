package dev.m3search.eval.run;

import dev.m3search.engine.index.LegScoredDocument;
import dev.m3search.eval.beir.Qrels;
import dev.m3search.query.Fusion;
import dev.m3search.query.LegWeights;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Tries every fusion method with weights on a grid over the simplex (dense + sparse + colbert = 1,
 * steps of 0.1) on the same candidates, and ranks the settings by the mean of {@link
 * EvalOptions#SWEEP_TARGET}. All three methods depend on weights only up to scale, so the simplex
 * covers every setting.
 */
final class FusionSweep {
  private static final int STEPS = 10;

  private FusionSweep() {}

  static List<FusionSetting> run(Map<String, List<LegScoredDocument>> candidatesByQuery, Qrels qrels, int depth) {
    List<FusionSetting> settings = new ArrayList<>();
    for (String method : List.of("weighted", "normalized", "rrf")) {
      for (int d = 0; d <= STEPS; d++) {
        for (int s = 0; s <= STEPS - d; s++) {
          int c = STEPS - d - s;
          LegWeights weights = new LegWeights(d / (float) STEPS, s / (float) STEPS, c / (float) STEPS);
          Fusion fusion = Fusion.of(method, weights);
          double sum = 0;
          for (Map.Entry<String, List<LegScoredDocument>> e : candidatesByQuery.entrySet()) {
            sum +=
                EvalOptions.SWEEP_TARGET.score(
                    CandidateRanking.byFusion(e.getValue(), fusion, depth), qrels.of(e.getKey()));
          }
          settings.add(new FusionSetting(method, weights, sum / Math.max(1, candidatesByQuery.size())));
        }
      }
    }
    settings.sort(Comparator.comparingDouble(FusionSetting::score).reversed());
    return settings;
  }
}
