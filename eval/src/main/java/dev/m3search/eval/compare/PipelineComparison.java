package dev.m3search.eval.compare;

import dev.m3search.codecs.M3Fields;
import dev.m3search.eval.bench.LatencyStats;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.Fusion;
import dev.m3search.query.HybridQuery;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;

/**
 * The search pipeline on one searcher: {@link HybridQuery} in the dense and sparse modes against the
 * bare Lucene queries they wrap (run alternately, query by query), and the hybrid and ColBERT modes
 * with their p50 and p99.
 */
final class PipelineComparison {
  private static final int K = 10;
  private final int depth;
  private final int repeat;
  private final Consumer<String> out;

  PipelineComparison(int depth, int repeat, Consumer<String> out) {
    this.depth = depth;
    this.repeat = repeat;
    this.out = out;
  }

  void compare(String name, IndexSearcher searcher, List<EncodedQuery> queries, Fusion fusion) throws IOException {
    out.accept("");
    out.accept("### Search pipeline, " + name + ": " + searcher.getIndexReader().numDocs() + " documents, top " + K
        + ", " + depth + " candidates per leg, one search thread");
    out.accept("");
    out.accept("| search | bare Lucene p50 ms | HybridQuery p50 ms | p99 ms | ratio (p50) |");
    out.accept("|---|---:|---:|---:|---:|");
    for (SearchMode mode : SearchMode.values()) {
      long[] bare = new long[queries.size()];
      long[] ours = new long[queries.size()];
      LatencyStats.warmUp(queries.size(), Math.max(200, queries.size()), LatencyStats.WARM_UP_MILLIS, w -> {
        EncodedQuery q = queries.get(w);
        searcher.search(hybrid(q, mode, fusion), K);
        if (bareQuery(q, mode) != null) {
          searcher.search(bareQuery(q, mode), K);
        }
      });
      for (int i = 0; i < queries.size(); i++) {
        EncodedQuery q = queries.get(i);
        Query lucene = bareQuery(q, mode);
        // which of the two runs first alternates: the second of a pair finds the query's postings
        // and vectors in the CPU caches (identical work measured 0.82× when always second)
        if (i % 2 == 1) {
          ours[i] = LatencyStats.medianNanos(repeat, () -> searcher.search(hybrid(q, mode, fusion), K));
        }
        if (lucene != null) {
          bare[i] = LatencyStats.medianNanos(repeat, () -> searcher.search(lucene, K));
        }
        if (i % 2 == 0) {
          ours[i] = LatencyStats.medianNanos(repeat, () -> searcher.search(hybrid(q, mode, fusion), K));
        }
      }
      LatencyStats m3 = LatencyStats.of(ours, 0);
      String label = mode.name().toLowerCase(java.util.Locale.ROOT);
      if (mode == SearchMode.DENSE || mode == SearchMode.SPARSE) {
        LatencyStats lucene = LatencyStats.of(bare, 0);
        out.accept(String.format(java.util.Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.2f× |",
            label, lucene.p50Ms(), m3.p50Ms(), m3.p99Ms(), m3.p50Ms() / lucene.p50Ms()));
      } else {
        out.accept(String.format(java.util.Locale.ROOT, "| %s%s | — | %.3f | %.3f | — |",
            label, mode == SearchMode.HYBRID ? " (" + fusion.describe() + ")" : "", m3.p50Ms(), m3.p99Ms()));
      }
    }
  }

  /** The query {@code M3Index.search} runs for a first page of {@code K} (without the float rescoring of quantised dense modes, as the bare kNN). */
  private Query hybrid(EncodedQuery query, SearchMode mode, Fusion fusion) {
    return HybridQuery.of(query, new SearchOptions(K, 0, depth, mode, fusion, null, false), 1);
  }

  /** The Lucene query a single-leg mode wraps (float32 dense). */
  private Query bareQuery(EncodedQuery query, SearchMode mode) {
    return switch (mode) {
      case DENSE -> new KnnFloatVectorQuery(M3Fields.DENSE, query.dense(), depth);
      case SPARSE -> query.sparse();
      default -> null;
    };
  }
}
