package dev.m3search.query;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/** How the per-leg scores of the candidates become one score. */
public sealed interface Fusion {

  /** The fused score of every candidate, in the order given. */
  float[] fuse(List<LegScores> candidates);

  /** One line for people, e.g. {@code weighted sum 0.4·dense + 0.2·sparse + 0.4·colbert}. */
  String describe();

  /** The name {@link #of} takes: {@code weighted}, {@code normalized} or {@code rrf}. */
  String name();

  /** The same method with other weights. */
  default Fusion withWeights(LegWeights weights) {
    return of(name(), weights);
  }

  private static String terms(LegWeights w) {
    return String.format(
        java.util.Locale.ROOT, "%s·dense + %s·sparse + %s·colbert", w.dense(), w.sparse(), w.colbert());
  }

  /**
   * BGE-M3's {@code compute_score}: {@code Σ w_leg · s_leg / Σ w_leg}. With the default weights
   * (summing to 1) this is the plain weighted sum.
   */
  record WeightedSum(LegWeights weights) implements Fusion {
    @Override
    public String describe() {
      return "weighted sum (BGE-M3) " + terms(weights);
    }

    @Override
    public String name() {
      return "weighted";
    }

    @Override
    public float[] fuse(List<LegScores> candidates) {
      float[] fused = new float[candidates.size()];
      for (int i = 0; i < fused.length; i++) {
        LegScores s = candidates.get(i);
        fused[i] =
            (weights.dense() * s.dense() + weights.sparse() * s.sparse() + weights.colbert() * s.colbert())
                / weights.sum();
      }
      return fused;
    }
  }

  /**
   * Weighted sum of scores min-max normalised over the candidates, for legs whose scales differ
   * (BM25 beside cosine similarities).
   */
  record NormalizedWeightedSum(LegWeights weights) implements Fusion {
    @Override
    public String describe() {
      return "weighted sum of min-max normalised scores " + terms(weights);
    }

    @Override
    public String name() {
      return "normalized";
    }

    @Override
    public float[] fuse(List<LegScores> candidates) {
      float[] fused = new float[candidates.size()];
      for (Leg leg : Leg.values()) {
        float w = weights.of(leg) / weights.sum();
        if (w == 0) {
          continue;
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (LegScores s : candidates) {
          min = Math.min(min, s.of(leg));
          max = Math.max(max, s.of(leg));
        }
        float range = max - min;
        for (int i = 0; i < fused.length; i++) {
          float normalized = range > 0 ? (candidates.get(i).of(leg) - min) / range : 1f;
          fused[i] += w * normalized;
        }
      }
      return fused;
    }
  }

  /** Reciprocal rank fusion: {@code Σ w_leg / (k + rank_leg)}, ranks from 1 within the candidates. */
  record ReciprocalRank(LegWeights weights, int k) implements Fusion {
    public static final int DEFAULT_K = 60;

    @Override
    public String describe() {
      return "reciprocal rank fusion, k = " + k + ", weights " + terms(weights);
    }

    @Override
    public String name() {
      return "rrf";
    }

    @Override
    public Fusion withWeights(LegWeights newWeights) {
      return new ReciprocalRank(newWeights, k);
    }

    @Override
    public float[] fuse(List<LegScores> candidates) {
      float[] fused = new float[candidates.size()];
      for (Leg leg : Leg.values()) {
        float w = weights.of(leg);
        if (w == 0) {
          continue;
        }
        int[] order =
            IntStream.range(0, fused.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -candidates.get(i).of(leg)))
                .mapToInt(Integer::intValue)
                .toArray();
        for (int rank = 0; rank < order.length; rank++) {
          fused[order[rank]] += w / (k + rank + 1);
        }
      }
      return fused;
    }
  }

  /** Parses a fusion name: {@code weighted}, {@code normalized} or {@code rrf}. */
  static Fusion of(String name, LegWeights weights) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "weighted" -> new WeightedSum(weights);
      case "normalized", "minmax" -> new NormalizedWeightedSum(weights);
      case "rrf" -> new ReciprocalRank(weights, ReciprocalRank.DEFAULT_K);
      default ->
          throw new IllegalArgumentException(
              "unknown fusion '" + name + "': use weighted, normalized or rrf");
    };
  }
}
