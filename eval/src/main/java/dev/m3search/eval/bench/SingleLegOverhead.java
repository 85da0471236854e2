package dev.m3search.eval.bench;

import dev.m3search.codecs.M3Fields;
import dev.m3search.engine.index.IndexSnapshot;
import dev.m3search.engine.index.M3Index;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

/**
 * A single-leg search of the engine against the bare Lucene query it wraps, on the same searcher,
 * the two run alternately query by query at one thread, after a warm-up to the JIT's steady state
 * ({@link LatencyStats#warmUp}), dense at the search's candidates and at candidates = k: the bare
 * query alone, the bare query with its hits' stored documents loaded (what any application
 * showing hits does), and {@link M3Index#search} (which returns those documents).
 *
 * @param leg {@code dense, candidates N} (kNN at k = N on both sides) or {@code sparse}
 */
public record SingleLegOverhead(String leg, LatencyStats lucene, LatencyStats luceneWithDocuments, LatencyStats m3search) {

  /** p50 of the engine over p50 of the bare query with its documents. */
  public double ratio() {
    return m3search.p50Ms() / luceneWithDocuments.p50Ms();
  }

  static List<SingleLegOverhead> measure(M3Index index, List<EncodedQuery> queries, SearchOptions base, int warmup, int repeat)
      throws IOException {
    List<SingleLegOverhead> out = new ArrayList<>();
    try (IndexSnapshot snapshot = index.snapshot()) {
      IndexSearcher searcher = snapshot.searcher();
      // a dense search that needs only its top k asks for candidates = k, against kNN at that k
      List<SearchOptions> searches = List.of(
          base.withMode(SearchMode.DENSE), base.withMode(SearchMode.DENSE).withCandidates(base.k()), base.withMode(SearchMode.SPARSE));
      for (SearchOptions options : searches) {
        SearchMode mode = options.mode();
        List<Query> bare = queries.stream().map(q -> bareQuery(q, mode, options)).toList();
        int n = queries.size();
        long[][] nanos = new long[3][n];
        // to the JIT's steady state: a count alone measured the engine's own code (collector, hit
        // building) before C2 had compiled it, while Lucene's, shared with every other mode, already
        // was; after a few thousand runs the ratio fell from about 1.25 to 1.03 (sparse, msmarco-5k)
        LatencyStats.warmUp(n, Math.max(warmup, n), LatencyStats.WARM_UP_MILLIS, q -> {
          searcher.search(bare.get(q), options.k());
          withDocuments(searcher, bare.get(q), options.k());
          snapshot.search(queries.get(q), options);
        });
        for (int q = 0; q < n; q++) {
          int query = q;
          nanos[0][q] = LatencyStats.medianNanos(repeat, () -> searcher.search(bare.get(query), options.k()));
          nanos[1][q] = LatencyStats.medianNanos(repeat, () -> withDocuments(searcher, bare.get(query), options.k()));
          nanos[2][q] = LatencyStats.medianNanos(repeat, () -> snapshot.search(queries.get(query), options));
        }
        String leg = mode.name().toLowerCase(java.util.Locale.ROOT);
        out.add(new SingleLegOverhead(mode == SearchMode.DENSE ? leg + ", candidates " + options.candidates() : leg,
            LatencyStats.of(nanos[0], 0), LatencyStats.of(nanos[1], 0), LatencyStats.of(nanos[2], 0)));
      }
    }
    return out;
  }

  /** The Lucene query the mode wraps, as {@link dev.m3search.query.HybridQuery} builds it for a float32 dense field. */
  private static Query bareQuery(EncodedQuery query, SearchMode mode, SearchOptions options) {
    return mode == SearchMode.DENSE ? new KnnFloatVectorQuery(M3Fields.DENSE, query.dense(), options.candidates()) : query.sparse();
  }

  private static void withDocuments(IndexSearcher searcher, Query query, int k) throws IOException {
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc hit : searcher.search(query, k).scoreDocs) {
      stored.document(hit.doc);
    }
  }
}
