package dev.m3search.eval.run;

import dev.m3search.eval.metrics.RunMetrics;
import dev.m3search.eval.trec.TrecRun;
import java.util.List;
import java.util.Map;

/**
 * What an evaluation measured.
 *
 * @param runs run name → run (dense, sparse, colbert, hybrid; with {@code -exact} twins in exact mode)
 * @param metrics run name → its metrics
 * @param recallCurve run name → k → mean recall@k
 * @param overlapWithExact approximate run name → "top-10" / "top-100" → mean share of the exact top k it found
 * @param hybridGain the hybrid run against the best single leg (null without the runs)
 * @param sweep fusion settings, best first (empty without a sweep)
 * @param hybridFusion how the hybrid run fused the legs
 * @param queries queries evaluated
 * @param encodeSeconds time spent encoding queries
 * @param searchSeconds time spent in approximate search
 */
public record EvaluationResult(
    String dataset,
    String split,
    String model,
    int documents,
    Map<String, TrecRun> runs,
    Map<String, RunMetrics> metrics,
    Map<String, Map<Integer, Double>> recallCurve,
    Map<String, Map<String, Double>> overlapWithExact,
    HybridGain hybridGain,
    List<FusionSetting> sweep,
    String hybridFusion,
    int queries,
    double encodeSeconds,
    double searchSeconds) {}
