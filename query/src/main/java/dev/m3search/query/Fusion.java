package dev.m3search.query;

import dev.m3search.codecs.Leg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.search.Explanation;

/**
 * How the per-leg scores of the candidates become one score. Every method is a function of the
 * candidates' leg scores (and, for RRF, of which leg retrieved them) only: the candidates' order
 * and doc ids never change a fused score.
 */
public sealed interface Fusion {

  /** The fused score of every candidate, in the order given. */
  float[] fuse(List<FusionCandidate> candidates);

  /** How candidate {@code i}'s fused score was made, with each leg's part. */
  Explanation explain(List<FusionCandidate> candidates, int i);

  /** One line for people, e.g. {@code weighted sum 0.4·dense + 0.2·sparse + 0.4·colbert}. */
  String describe();

  /** The name {@link #of} takes: {@code weighted}, {@code normalized} or {@code rrf}. */
  String name();

  LegWeights weights();

  /** The same method with other weights. */
  default Fusion withWeights(LegWeights weights) {
    return of(name(), weights);
  }

  /** The weighted legs, e.g. {@code 0.4·dense + 0.2·sparse + 0.4·colbert}; a leg of weight 0 is left out. */
  private static String terms(LegWeights w) {
    List<String> terms = new ArrayList<>();
    for (Leg leg : Leg.values()) {
      if (w.of(leg) > 0) {
        terms.add(w.of(leg) + "·" + legName(leg));
      }
    }
    return String.join(" + ", terms);
  }

  /** The legs {@code weights} gives a part, which an explanation lists: a two-leg index's fusion has no ColBERT part. */
  private static List<Leg> weighted(LegWeights weights) {
    return Arrays.stream(Leg.values()).filter(leg -> weights.of(leg) > 0).toList();
  }

  private static String legName(Leg leg) {
    return leg.name().toLowerCase(Locale.ROOT);
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
    public float[] fuse(List<FusionCandidate> candidates) {
      float[] fused = new float[candidates.size()];
      for (int i = 0; i < fused.length; i++) {
        fused[i] = fuse(candidates.get(i).legs());
      }
      return fused;
    }

    private float fuse(LegScores s) {
      return (weights.dense() * s.dense() + weights.sparse() * s.sparse() + weights.colbert() * s.colbert()) / weights.sum();
    }

    @Override
    public Explanation explain(List<FusionCandidate> candidates, int i) {
      LegScores s = candidates.get(i).legs();
      List<Explanation> parts = new ArrayList<>();
      for (Leg leg : weighted(weights)) {
        float w = weights.of(leg) / weights.sum();
        parts.add(Explanation.match(w * s.of(leg), legName(leg) + ": " + w + " × score " + s.of(leg)));
      }
      return Explanation.match(fuse(s), describe(), parts);
    }
  }

  /**
   * Weighted sum of scores min-max normalised over the candidate set (the union of the legs' top
   * lists), for legs whose scales differ (BM25 beside cosine similarities). A leg whose scores are
   * all equal normalises to 1.
   */
  record NormalizedWeightedSum(LegWeights weights) implements Fusion {
    @Override
    public String describe() {
      return "weighted sum of scores min-max normalised over the candidates, " + terms(weights);
    }

    @Override
    public String name() {
      return "normalized";
    }

    @Override
    public float[] fuse(List<FusionCandidate> candidates) {
      float[] fused = new float[candidates.size()];
      for (Leg leg : Leg.values()) {
        float w = weights.of(leg) / weights.sum();
        if (w == 0) {
          continue;
        }
        float[] range = range(candidates, leg);
        for (int i = 0; i < fused.length; i++) {
          fused[i] += w * normalized(candidates.get(i).legs().of(leg), range);
        }
      }
      return fused;
    }

    @Override
    public Explanation explain(List<FusionCandidate> candidates, int i) {
      List<Explanation> parts = new ArrayList<>();
      float[] fused = fuse(candidates);
      for (Leg leg : weighted(weights)) {
        float w = weights.of(leg) / weights.sum();
        float[] range = range(candidates, leg);
        float s = candidates.get(i).legs().of(leg);
        parts.add(Explanation.match(w * normalized(s, range), String.format(Locale.ROOT,
            "%s: %s × (score %s − min %s) / (max %s − min)", legName(leg), w, s, range[0], range[1])));
      }
      return Explanation.match(fused[i], describe(), parts);
    }

    private static float[] range(List<FusionCandidate> candidates, Leg leg) {
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (FusionCandidate c : candidates) {
        min = Math.min(min, c.legs().of(leg));
        max = Math.max(max, c.legs().of(leg));
      }
      return new float[] {min, max};
    }

    private static float normalized(float score, float[] range) {
      float width = range[1] - range[0];
      return width > 0 ? (score - range[0]) / width : 1f;
    }
  }

  /**
   * Reciprocal rank fusion as published (Cormack et al. 2009), weighted: {@code Σ w_leg / (k +
   * rank_leg)} over the legs that retrieved the document. A leg's ranks count only the documents
   * it retrieved, from 1, and tied scores share the better rank (1 + the number of documents that
   * leg scored higher).
   */
  record ReciprocalRank(LegWeights weights, int k) implements Fusion {
    public static final int DEFAULT_K = 60;

    public ReciprocalRank {
      if (k < 1) {
        throw new IllegalArgumentException("the RRF constant k must be at least 1, got " + k);
      }
    }

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
    public float[] fuse(List<FusionCandidate> candidates) {
      float[] fused = new float[candidates.size()];
      for (Leg leg : Leg.values()) {
        float w = weights.of(leg);
        if (w == 0) {
          continue;
        }
        int[] ranks = ranks(candidates, leg);
        for (int i = 0; i < fused.length; i++) {
          if (ranks[i] > 0) {
            fused[i] += w / (k + ranks[i]);
          }
        }
      }
      return fused;
    }

    @Override
    public Explanation explain(List<FusionCandidate> candidates, int i) {
      List<Explanation> parts = new ArrayList<>();
      for (Leg leg : weighted(weights)) {
        int rank = ranks(candidates, leg)[i];
        float score = candidates.get(i).legs().of(leg);
        float w = weights.of(leg);
        parts.add(rank > 0
            ? Explanation.match(w / (k + rank), legName(leg) + ": " + w + " / (" + k + " + rank " + rank + "), score " + score)
            : Explanation.noMatch(legName(leg) + ": not in the leg's top list, score " + score));
      }
      return Explanation.match(fuse(candidates)[i], describe(), parts);
    }

    /** Each candidate's rank on {@code leg} among the candidates that leg retrieved; 0 for the others. */
    static int[] ranks(List<FusionCandidate> candidates, Leg leg) {
      float[] retrieved = new float[candidates.size()];
      int n = 0;
      for (FusionCandidate c : candidates) {
        if (c.retrievedBy(leg)) {
          retrieved[n++] = c.legs().of(leg);
        }
      }
      float[] ascending = Arrays.copyOf(retrieved, n);
      Arrays.sort(ascending);
      int[] ranks = new int[candidates.size()];
      for (int i = 0; i < ranks.length; i++) {
        FusionCandidate c = candidates.get(i);
        if (c.retrievedBy(leg)) {
          ranks[i] = 1 + n - firstAbove(ascending, c.legs().of(leg));
        }
      }
      return ranks;
    }

    /** The index of the first value greater than {@code score} in an ascending array. */
    private static int firstAbove(float[] ascending, float score) {
      int lo = 0;
      int hi = ascending.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (Float.compare(ascending[mid], score) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /** Parses a fusion name: {@code weighted}, {@code normalized} or {@code rrf}. */
  public static Fusion of(String name, LegWeights weights) {
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
