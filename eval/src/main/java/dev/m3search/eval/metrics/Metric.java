package dev.m3search.eval.metrics;

import dev.m3search.eval.trec.RankedDoc;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A retrieval metric with trec_eval's definition, scored on one query's ranking (in trec_eval's
 * order) against its graded labels. A label above 0 is relevant; unjudged documents count as 0.
 */
public sealed interface Metric {
  /** The name used in reports, e.g. {@code ndcg@10}. */
  String name();

  double score(List<RankedDoc> ranking, Map<String, Integer> labels);

  /** nDCG@k ({@code ndcg_cut_k}): linear gains, log2 discount, ideal ranking over all judged documents. */
  record Ndcg(int k) implements Metric {
    @Override
    public String name() {
      return "ndcg@" + k;
    }

    @Override
    public double score(List<RankedDoc> ranking, Map<String, Integer> labels) {
      double dcg = 0;
      for (int i = 0; i < Math.min(k, ranking.size()); i++) {
        dcg += gain(labels.get(ranking.get(i).docId())) / log2(i + 2);
      }
      List<Integer> ideal = labels.values().stream().filter(l -> l > 0).sorted((a, b) -> b - a).toList();
      double idcg = 0;
      for (int i = 0; i < Math.min(k, ideal.size()); i++) {
        idcg += ideal.get(i) / log2(i + 2);
      }
      return idcg == 0 ? 0 : dcg / idcg;
    }
  }

  /** Recall@k ({@code recall_k}): relevant documents in the top k over all relevant documents. */
  record Recall(int k) implements Metric {
    @Override
    public String name() {
      return "recall@" + k;
    }

    @Override
    public double score(List<RankedDoc> ranking, Map<String, Integer> labels) {
      long relevant = relevantCount(labels);
      if (relevant == 0) {
        return 0;
      }
      long found = ranking.stream().limit(k).filter(d -> gain(labels.get(d.docId())) > 0).count();
      return (double) found / relevant;
    }
  }

  /** MRR@k: the reciprocal rank of the first relevant document within the top k, else 0. */
  record Mrr(int k) implements Metric {
    @Override
    public String name() {
      return "mrr@" + k;
    }

    @Override
    public double score(List<RankedDoc> ranking, Map<String, Integer> labels) {
      for (int i = 0; i < Math.min(k, ranking.size()); i++) {
        if (gain(labels.get(ranking.get(i).docId())) > 0) {
          return 1.0 / (i + 1);
        }
      }
      return 0;
    }
  }

  /** Average precision ({@code map}): precision at each relevant retrieved document, over all relevant. */
  record AveragePrecision() implements Metric {
    @Override
    public String name() {
      return "map";
    }

    @Override
    public double score(List<RankedDoc> ranking, Map<String, Integer> labels) {
      long relevant = relevantCount(labels);
      if (relevant == 0) {
        return 0;
      }
      double sum = 0;
      int found = 0;
      for (int i = 0; i < ranking.size(); i++) {
        if (gain(labels.get(ranking.get(i).docId())) > 0) {
          found++;
          sum += (double) found / (i + 1);
        }
      }
      return sum / relevant;
    }
  }

  /** Parses {@code ndcg@10}, {@code recall@100}, {@code mrr@10} or {@code map}. */
  static Metric parse(String name) {
    String lower = name.toLowerCase(Locale.ROOT).trim();
    if (lower.equals("map")) {
      return new AveragePrecision();
    }
    int at = lower.indexOf('@');
    if (at > 0) {
      try {
        int k = Integer.parseInt(lower.substring(at + 1));
        switch (lower.substring(0, at)) {
          case "ndcg":
            return new Ndcg(k);
          case "recall":
            return new Recall(k);
          case "mrr":
            return new Mrr(k);
          default:
            break;
        }
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
    }
    throw new IllegalArgumentException("unknown metric '" + name + "': use ndcg@K, recall@K, mrr@K or map");
  }

  private static double gain(Integer label) {
    return label == null || label <= 0 ? 0 : label;
  }

  private static long relevantCount(Map<String, Integer> labels) {
    return labels.values().stream().filter(l -> l > 0).count();
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
