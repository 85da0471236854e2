package dev.m3search.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * What a dense or sparse {@link HybridQuery} rewrites to: the leg's top list with the leg's
 * scores (the dense dot product itself, not Lucene's {@code (1 + dot) / 2}), equal scores set
 * apart as {@link Ranking} says.
 */
public final class SingleLegDocsQuery extends DocListQuery {
  private final float[] unseparated;
  private final SearchMode mode;
  private final int depth;
  /** The leg's own query, whose explanation gives a sparse score's parts. */
  private final Query leg;

  SingleLegDocsQuery(
      Object readerId, int[] docs, float[] scores, int[] ranking, float[] unseparated, int window, SearchMode mode,
      int depth, Query leg) {
    super(readerId, docs, scores, ranking, window);
    this.unseparated = unseparated;
    this.mode = mode;
    this.depth = depth;
    this.leg = leg;
  }

  /**
   * The leg score of a document this query ranks (a global doc id), before equal scores were set
   * apart; NaN when it ranks none.
   */
  public float legScore(int doc) {
    int i = Arrays.binarySearch(docs, doc);
    return i < 0 ? Float.NaN : unseparated[i];
  }

  @Override
  Explanation explain(IndexSearcher searcher, LeafReaderContext context, int doc, float boost) throws IOException {
    int i = Arrays.binarySearch(docs, context.docBase + doc);
    String name = mode.name().toLowerCase(Locale.ROOT);
    if (i < 0) {
      return Explanation.noMatch("not in the " + name + " top " + depth);
    }
    Explanation why = mode == SearchMode.DENSE
        ? Explanation.match(unseparated[i], "dense dot product of a document in the kNN top " + depth)
        : Explanation.match(unseparated[i], "sparse score of a document in the sparse top " + depth,
            searcher.explain(leg, context.docBase + doc));
    why = separated(scores[i], unseparated[i], why);
    return boost == 1f ? why : Explanation.match(why.getValue().floatValue() * boost, "boost " + boost, why);
  }

  /**
   * {@code why}, or, when the score was set apart from an equal one, {@code why} with one more
   * part: the (negative) amount it was lowered by, so that the parts still add up to the score.
   */
  static Explanation separated(float score, float unseparated, Explanation why) {
    if (score == unseparated) {
      return why;
    }
    Explanation apart = Explanation.match(score - unseparated,
        "set apart, below an equal score that ranks higher on the legs that order ties");
    if (why.getDetails().length == 0) {
      return Explanation.match(score, why.getDescription() + ", set apart from an equal score",
          Explanation.match(unseparated, why.getDescription()), apart);
    }
    List<Explanation> parts = new ArrayList<>(List.of(why.getDetails()));
    parts.add(apart);
    return Explanation.match(score, why.getDescription(), parts);
  }

  @Override
  public String toString(String field) {
    return "SingleLegDocsQuery(" + mode.name().toLowerCase(Locale.ROOT) + ", " + docs.length + " documents)";
  }
}
