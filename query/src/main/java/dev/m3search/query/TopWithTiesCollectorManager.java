package dev.m3search.query;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.LongHeap;
import org.apache.lucene.util.NumericUtils;

/**
 * The top {@code n} hits of a query and every hit tying the {@code n}-th score, up to {@code most}
 * hits, in one pass: where Lucene's top-n collector asks the scorer for scores above its last
 * (ties lose to lower doc ids), this one asks for scores at least its last, so the scorer still
 * skips what cannot reach the top while every tie is seen. Past {@code most}, ties at the lowest
 * score keep the lower doc ids, as a top-{@code most} collector would. Hits come ordered by score,
 * then doc id; the total hit count is not kept.
 */
final class TopWithTiesCollectorManager implements CollectorManager<TopWithTiesCollectorManager.TopWithTies, ScoreDoc[]> {
  private final int n;
  private final int most;

  TopWithTiesCollectorManager(int n, int most) {
    if (n < 1 || most < n) {
      throw new IllegalArgumentException("n must be at least 1 and most at least n: " + n + ", " + most);
    }
    this.n = n;
    this.most = most;
  }

  @Override
  public TopWithTies newCollector() {
    return new TopWithTies(n, most);
  }

  @Override
  public ScoreDoc[] reduce(Collection<TopWithTies> collectors) {
    int size = collectors.stream().mapToInt(c -> c.heap.size()).sum();
    long[] all = new long[size];
    int at = 0;
    for (TopWithTies collector : collectors) {
      for (int i = 1; i <= collector.heap.size(); i++) {
        all[at++] = collector.heap.get(i);
      }
    }
    // ascending: lowest score first and, among equal scores, highest doc id first
    Arrays.sort(all);
    int keep = Math.min(n, size);
    if (keep > 0) {
      float last = scoreOf(all[size - keep]);
      while (keep < Math.min(size, most) && scoreOf(all[size - keep - 1]) == last) {
        keep++;
      }
    }
    ScoreDoc[] top = new ScoreDoc[keep];
    for (int i = 0; i < keep; i++) {
      long hit = all[size - 1 - i];
      top[i] = new ScoreDoc(docOf(hit), scoreOf(hit));
    }
    return top;
  }

  /** A hit as one long that orders by score, then by doc id reversed (so a min-heap's top is the hit to drop first). */
  private static long encode(float score, int doc) {
    return ((long) NumericUtils.floatToSortableInt(score) << 32) | (Integer.MAX_VALUE - doc);
  }

  private static float scoreOf(long hit) {
    return NumericUtils.sortableIntToFloat((int) (hit >> 32));
  }

  private static int docOf(long hit) {
    return Integer.MAX_VALUE - (int) hit;
  }

  /** One slice's hits: a min-heap holding every hit scoring at least the {@code n}-th best so far (at most {@code most}). */
  static final class TopWithTies implements Collector {
    private final int n;
    private final int most;
    private final LongHeap heap;
    /** The hits of the lowest score while it is decided whether they stay. */
    private long[] tiedAtLowest = new long[0];

    private TopWithTies(int n, int most) {
      this.n = n;
      this.most = most;
      this.heap = new LongHeap(n + 1);
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.TOP_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) {
      int docBase = context.docBase;
      return new LeafCollector() {
        private Scorable scorer;

        @Override
        public void setScorer(Scorable scorer) throws IOException {
          this.scorer = scorer;
          if (heap.size() >= n) {
            scorer.setMinCompetitiveScore(lowest());
          }
        }

        @Override
        public void collect(int doc) throws IOException {
          float score = scorer.score();
          if (heap.size() >= n && score < lowest()) {
            return;
          }
          heap.push(encode(score, docBase + doc));
          if (heap.size() > n && drop()) {
            scorer.setMinCompetitiveScore(lowest());
          } else if (heap.size() == n) {
            scorer.setMinCompetitiveScore(lowest());
          }
        }
      };
    }

    private float lowest() {
      return scoreOf(heap.top());
    }

    /**
     * Drops the hits of the lowest score when at least {@code n} hits score more, and past {@code
     * most} the lowest hit; returns whether the lowest score rose.
     */
    private boolean drop() {
      if (heap.size() > most) {
        heap.pop();
      }
      float lowest = lowest();
      int tied = 0;
      while (heap.size() > 0 && scoreOf(heap.top()) == lowest) {
        tiedAtLowest = ArrayUtil.grow(tiedAtLowest, tied + 1);
        tiedAtLowest[tied++] = heap.pop();
      }
      if (heap.size() >= n) {
        return true;
      }
      for (int i = 0; i < tied; i++) {
        heap.push(tiedAtLowest[i]);
      }
      return false;
    }
  }
}
