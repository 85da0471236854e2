package dev.m3search.engine.index;

import dev.m3search.engine.model.CrossEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.search.Explanation;

/** Reorders the top of a hit list by a cross-encoder's score of the query with each hit's text. */
public final class HitReranker {
  private final CrossEncoder crossEncoder;
  private final int top;

  /** @param top how many of the first hits to rerank; the others follow them in their order */
  public HitReranker(CrossEncoder crossEncoder, int top) {
    if (top < 1) {
      throw new IllegalArgumentException("rerank top must be at least 1, got " + top);
    }
    this.crossEncoder = crossEncoder;
    this.top = top;
  }

  public int top() {
    return top;
  }

  /**
   * The first {@link #top()} hits ordered by the cross-encoder's score (which becomes their score),
   * then the rest as they were; ranks renumbered from the first hit's rank.
   */
  public List<SearchHit> rerank(String query, List<SearchHit> hits) throws IOException {
    int n = Math.min(top, hits.size());
    float[] scores = crossEncoder.score(query, hits.subList(0, n).stream().map(HitReranker::passage).toList());
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
    int firstRank = hits.isEmpty() ? 1 : hits.get(0).rank();
    List<SearchHit> out = new ArrayList<>(hits.size());
    for (int i : order) {
      out.add(hits.get(i).rescored(firstRank + out.size(), scores[i]));
    }
    for (int i = n; i < hits.size(); i++) {
      out.add(hits.get(i).rescored(firstRank + out.size(), hits.get(i).score()));
    }
    return out;
  }

  /** The cross-encoder's score of the hit as the explanation's value, over the first stage's explanation. */
  public Explanation explain(String query, SearchHit hit, Explanation firstStage) throws IOException {
    float score = crossEncoder.score(query, List.of(passage(hit)))[0];
    String what = crossEncoder.options().sigmoid() ? "sigmoid of the logit" : "logit";
    return Explanation.match(score, "cross-encoder " + crossEncoder.name() + " (" + what + ") of the query with the passage,"
        + " reranking the first stage's top " + top, firstStage);
  }

  /** The text a hit was encoded from: its title and text, as {@link SourceDocument#encodedText()}. */
  static String passage(SearchHit hit) {
    return hit.title().isEmpty() ? hit.text() : hit.title() + " " + hit.text();
  }
}
