package dev.m3search.eval.run;

import dev.m3search.engine.index.LegScoredDocument;
import dev.m3search.eval.beir.Qrels;
import dev.m3search.eval.metrics.QueryBootstrap;
import dev.m3search.eval.trec.RankedDoc;
import dev.m3search.query.Fusion;
import dev.m3search.codecs.Leg;
import dev.m3search.query.LegWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Tries every fusion method with weights on a grid over the simplex (dense + sparse + colbert = 1,
 * steps of 0.1; colbert = 0 on an index without token vectors) on the same candidates. All three methods depend on weights only up to scale, so
 * the simplex covers every setting.
 *
 * <p>Settings are ranked by how surely they beat the best single leg, not by their mean: over
 * {@value QueryBootstrap#RESAMPLES} bootstrap resamples of the queries, the gain of a setting is
 * its mean {@link EvalOptions#SWEEP_TARGET} minus the best single leg's mean on the same resample
 * (a leg ranks the candidates its own top list retrieved, as the leg's run does), and a setting is
 * ranked by the {@value EvalOptions#SWEEP_GAIN_QUANTILE} quantile of its gains (ties by the mean).
 * With twenty queries the best mean is mostly the setting that fits those queries best; the lower
 * bound prefers a setting that gains on most queries, whichever leg is best on them, which is what
 * a default must do on queries and collections it was not chosen on. Settings that weigh every leg
 * come first: one that drops a leg is another search mode, and loses on a collection where the
 * dropped leg is the best one.
 */
final class FusionSweep {
  private static final int STEPS = 10;
  private static final int RESAMPLES = QueryBootstrap.RESAMPLES;
  private static final double LOWER_QUANTILE = EvalOptions.SWEEP_GAIN_QUANTILE;

  private FusionSweep() {}

  /** @param legs the index's legs: all three, or dense and sparse where it has no token vectors (ColBERT then weighs 0) */
  static List<FusionSetting> run(
      Map<String, List<LegScoredDocument>> candidatesByQuery, Qrels qrels, int depth, List<Leg> legs) {
    List<Map.Entry<String, List<LegScoredDocument>>> queries = List.copyOf(candidatesByQuery.entrySet());
    QueryBootstrap bootstrap = new QueryBootstrap(queries.size());
    boolean colbertLeg = legs.contains(Leg.COLBERT);
    double[] bestLeg = new double[RESAMPLES];
    Arrays.fill(bestLeg, Double.NEGATIVE_INFINITY);
    for (Leg leg : legs) {
      double[] means = bootstrap.means(perQuery(queries, c -> CandidateRanking.byLeg(c, leg, depth), qrels));
      for (int b = 0; b < RESAMPLES; b++) {
        bestLeg[b] = Math.max(bestLeg[b], means[b]);
      }
    }
    List<FusionSetting> settings = new ArrayList<>();
    for (String method : List.of("weighted", "normalized", "rrf")) {
      for (int d = 0; d <= STEPS; d++) {
        for (int s = colbertLeg ? 0 : STEPS - d; s <= STEPS - d; s++) {
          LegWeights weights = new LegWeights(d / (float) STEPS, s / (float) STEPS, (STEPS - d - s) / (float) STEPS);
          Fusion fusion = Fusion.of(method, weights);
          double[] scores = perQuery(queries, c -> CandidateRanking.byFusion(c, fusion, depth), qrels);
          double[] gains = bootstrap.means(scores);
          for (int b = 0; b < RESAMPLES; b++) {
            gains[b] -= bestLeg[b];
          }
          settings.add(new FusionSetting(method, weights, mean(scores), QueryBootstrap.quantile(gains, LOWER_QUANTILE)));
        }
      }
    }
    settings.sort(Comparator.comparing((FusionSetting f) -> f.weighsEveryLeg(colbertLeg))
        .thenComparingDouble(FusionSetting::gainLowerBound)
        .thenComparingDouble(FusionSetting::score).reversed());
    return settings;
  }

  private static double[] perQuery(
      List<Map.Entry<String, List<LegScoredDocument>>> queries,
      Function<List<LegScoredDocument>, List<RankedDoc>> ranking,
      Qrels qrels) {
    double[] scores = new double[queries.size()];
    for (int q = 0; q < scores.length; q++) {
      Map.Entry<String, List<LegScoredDocument>> e = queries.get(q);
      scores[q] = EvalOptions.SWEEP_TARGET.score(ranking.apply(e.getValue()), qrels.of(e.getKey()));
    }
    return scores;
  }

  private static double mean(double[] scores) {
    return Arrays.stream(scores).sum() / Math.max(1, scores.length);
  }
}
