package dev.m3search.eval.run;

import dev.m3search.engine.index.LegScoredDocument;
import dev.m3search.engine.index.HitReranker;
import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.index.SearchHit;
import dev.m3search.eval.beir.BeirDataset;
import dev.m3search.eval.beir.Qrels;
import dev.m3search.eval.metrics.Metric;
import dev.m3search.eval.metrics.RunMetrics;
import dev.m3search.eval.trec.RankedDoc;
import dev.m3search.eval.trec.TrecRun;
import dev.m3search.query.EncodedQuery;
import dev.m3search.codecs.Leg;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Evaluates an index on a BEIR dataset: every judged query of the split is encoded once and
 * searched in each mode (the runs the engine serves), and with a reranker the hybrid top is
 * reranked; with {@code exact}, every leg's exact top list is taken from scores of every document,
 * and the hybrid fusion applied to their union; with {@code sweep}, fusion settings are tried on
 * the approximate candidates.
 */
public final class Evaluation {
  private static final String RERANK = "rerank";
  private static final List<SearchMode> MODES = List.of(SearchMode.DENSE, SearchMode.SPARSE, SearchMode.COLBERT, SearchMode.HYBRID);
  /** The modes of an index without token vectors. */
  private static final List<SearchMode> TWO_LEG_MODES = List.of(SearchMode.DENSE, SearchMode.SPARSE, SearchMode.HYBRID);

  private Evaluation() {}

  /**
   * @param reranker reranks the hybrid run's top into {@code rerank.run}; null for none
   */
  public static EvaluationResult run(
      M3Index index, BeirDataset dataset, EvalOptions options, HitReranker reranker, Consumer<String> progress)
      throws IOException {
    BeirDataset.Split split = dataset.split(options.split());
    Qrels qrels = split.qrels();
    Map<String, String> queries = new LinkedHashMap<>();
    dataset.queries().forEach((id, text) -> {
      if (!qrels.of(id).isEmpty()) {
        queries.put(id, text);
      }
    });
    if (queries.isEmpty()) {
      throw new IOException("no query of " + dataset.dir() + " has judgments in split '" + options.split() + "'");
    }
    // a run is the top `depth` of a ranking of at least that many candidates
    SearchOptions base = SearchOptions.defaults(index.defaultFusion()).withK(options.depth())
        .withCandidates(Math.max(options.candidates(), options.depth()));

    List<SearchMode> modes = index.hasTokenVectors() ? MODES : TWO_LEG_MODES;
    List<Leg> legs = index.hasTokenVectors() ? List.of(Leg.values()) : List.of(Leg.DENSE, Leg.SPARSE);
    Map<String, TrecRun> runs = new LinkedHashMap<>();
    for (SearchMode mode : modes) {
      runs.put(name(mode), new TrecRun(name(mode)));
    }
    if (reranker != null) {
      runs.put(RERANK, new TrecRun(RERANK));
    }
    if (options.exact()) {
      for (SearchMode mode : modes) {
        runs.put(name(mode) + "-exact", new TrecRun(name(mode) + "-exact"));
      }
    }
    Map<String, List<LegScoredDocument>> sweepCandidates = new LinkedHashMap<>();
    long encodeNanos = 0;
    long searchNanos = 0;
    int done = 0;
    for (Map.Entry<String, String> query : queries.entrySet()) {
      long t0 = System.nanoTime();
      EncodedQuery encoded = index.encodeQuery(query.getValue());
      long t1 = System.nanoTime();
      encodeNanos += t1 - t0;
      for (SearchMode mode : modes) {
        List<SearchHit> hits = index.search(encoded, base.withMode(mode));
        runs.get(name(mode)).put(query.getKey(), ranked(hits));
        if (mode == SearchMode.HYBRID && reranker != null) {
          runs.get(RERANK).put(query.getKey(), ranked(reranker.rerank(query.getValue(), hits)));
        }
      }
      searchNanos += System.nanoTime() - t1;
      if (options.sweep()) {
        sweepCandidates.put(query.getKey(), index.scoreCandidates(encoded, base, false));
      }
      if (options.exact()) {
        // every leg's exact top list (depth documents), and their union fused as the approximate search fuses
        List<LegScoredDocument> all = index.scoreCandidates(encoded, base.withCandidates(options.depth()), true);
        for (Leg leg : legs) {
          runs.get(leg.name().toLowerCase(Locale.ROOT) + "-exact").put(query.getKey(), CandidateRanking.byLeg(all, leg, options.depth()));
        }
        runs.get("hybrid-exact").put(query.getKey(), CandidateRanking.byFusion(all, base.fusion(), options.depth()));
      }
      if (++done % 10 == 0 || done == queries.size()) {
        progress.accept("evaluated " + done + " of " + queries.size() + " queries");
      }
    }

    Map<String, RunMetrics> metrics = new LinkedHashMap<>();
    Map<String, Map<Integer, Double>> curves = new LinkedHashMap<>();
    for (Map.Entry<String, TrecRun> run : runs.entrySet()) {
      metrics.put(run.getKey(), RunMetrics.of(run.getValue(), qrels, EvalOptions.METRICS));
      Map<Integer, Double> curve = new LinkedHashMap<>();
      for (int k : EvalOptions.RECALL_CURVE) {
        curve.put(k, RunMetrics.of(run.getValue(), qrels, List.of(new Metric.Recall(k))).mean("recall@" + k));
      }
      curves.put(run.getKey(), curve);
    }
    Map<String, Map<String, Double>> overlap = new LinkedHashMap<>();
    if (options.exact()) {
      for (SearchMode mode : modes) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (int k : new int[] {10, options.depth()}) {
          shares.put("top-" + k, overlap(runs.get(name(mode)), runs.get(name(mode) + "-exact"), k));
        }
        overlap.put(name(mode), shares);
      }
    }
    List<FusionSetting> sweep =
        options.sweep() ? FusionSweep.run(sweepCandidates, qrels, options.depth(), legs) : List.of();
    return new EvaluationResult(
        dataset.dir().toString(),
        options.split() + ": " + split.description(),
        index.encoder().identity().toString(),
        index.info().documents(),
        runs,
        metrics,
        curves,
        overlap,
        HybridGain.of(metrics),
        sweep,
        base.fusion().describe(),
        queries.size(),
        encodeNanos / 1e9,
        searchNanos / 1e9);
  }

  /** Mean share of the exact top k that the approximate top k holds. */
  static double overlap(TrecRun approximate, TrecRun exact, int k) {
    double sum = 0;
    for (Map.Entry<String, List<RankedDoc>> e : exact.rankings().entrySet()) {
      List<RankedDoc> truth = e.getValue().subList(0, Math.min(k, e.getValue().size()));
      if (truth.isEmpty()) {
        continue;
      }
      Set<String> found = new HashSet<>();
      approximate.ranking(e.getKey()).stream().limit(k).forEach(d -> found.add(d.docId()));
      sum += truth.stream().filter(d -> found.contains(d.docId())).count() / (double) truth.size();
    }
    return sum / Math.max(1, exact.rankings().size());
  }

  private static List<RankedDoc> ranked(List<SearchHit> hits) {
    return hits.stream().map(h -> new RankedDoc(h.id(), h.score())).toList();
  }

  private static String name(SearchMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }
}
