package dev.m3search.eval.beir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Relevance judgments: for each query id, a graded label per judged document id. */
public final class Qrels {
  private final Map<String, Map<String, Integer>> judgments;

  public Qrels(Map<String, Map<String, Integer>> judgments) {
    Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
    judgments.forEach((q, docs) -> copy.put(q, Collections.unmodifiableMap(new LinkedHashMap<>(docs))));
    this.judgments = Collections.unmodifiableMap(copy);
  }

  public Set<String> queryIds() {
    return judgments.keySet();
  }

  /** The labels of query {@code queryId}; empty when it has none. */
  public Map<String, Integer> of(String queryId) {
    return judgments.getOrDefault(queryId, Map.of());
  }
}
