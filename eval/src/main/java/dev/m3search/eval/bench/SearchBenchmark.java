package dev.m3search.eval.bench;

import dev.m3search.engine.index.LegScoredDocument;
import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.index.SearchHit;
import dev.m3search.eval.run.CandidateRanking;
import dev.m3search.eval.trec.RankedDoc;
import dev.m3search.query.EncodedQuery;
import dev.m3search.codecs.Leg;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Measures search: query encoding on its own, then each mode's search latency and throughput on
 * pre-encoded queries, at one thread and at N, after a warm-up; and recall@k of each mode against
 * exact (brute-force) search over the whole index.
 */
public final class SearchBenchmark {
  private static final List<SearchMode> MODES = List.of(SearchMode.DENSE, SearchMode.SPARSE, SearchMode.COLBERT, SearchMode.HYBRID);
  /** The modes of an index without token vectors. */
  private static final List<SearchMode> TWO_LEG_MODES = List.of(SearchMode.DENSE, SearchMode.SPARSE, SearchMode.HYBRID);

  private static List<SearchMode> modes(M3Index index) {
    return index.hasTokenVectors() ? MODES : TWO_LEG_MODES;
  }

  private SearchBenchmark() {}

  /** The benchmark of these query texts, encoded with the index's model (timed on its own). */
  public static BenchResult run(M3Index index, List<String> queries, BenchOptions options, Consumer<String> progress)
      throws IOException, InterruptedException {
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("no queries to benchmark");
    }
    long[] encodeNanos = new long[queries.size()];
    List<EncodedQuery> encoded = new ArrayList<>(queries.size());
    long encodeStart = System.nanoTime();
    for (int i = 0; i < queries.size(); i++) {
      long t0 = System.nanoTime();
      encoded.add(index.encodeQuery(queries.get(i)));
      encodeNanos[i] = System.nanoTime() - t0;
    }
    LatencyStats encoding = LatencyStats.of(encodeNanos, System.nanoTime() - encodeStart);
    progress.accept(String.format(Locale.ROOT, "encoded %d queries: p50 %.1f ms", queries.size(), encoding.p50Ms()));
    return runEncoded(index, encoded, encoding, options, progress);
  }

  /**
   * The benchmark of queries encoded elsewhere ({@code encoding} null: for example generated with
   * the documents).
   */
  public static BenchResult runEncoded(
      M3Index index, List<EncodedQuery> encoded, LatencyStats encoding, BenchOptions options, Consumer<String> progress)
      throws IOException, InterruptedException {
    // k hits of a ranking of at least k candidates
    SearchOptions base = SearchOptions.defaults(index.defaultFusion()).withK(options.k())
        .withCandidates(Math.max(options.candidates(), options.k()));
    // every mode warmed up before any is timed: the modes share most of their code, and the first
    // one timed would otherwise pay for compiling it
    for (SearchMode mode : modes(index)) {
      for (int i = 0; i < options.warmup(); i++) {
        index.search(encoded.get(i % encoded.size()), base.withMode(mode));
      }
    }
    Map<String, Map<Integer, LatencyStats>> search = new LinkedHashMap<>();
    for (SearchMode mode : modes(index)) {
      SearchOptions modeOptions = base.withMode(mode);
      Map<Integer, LatencyStats> byThreads = new LinkedHashMap<>();
      for (int threads : options.threads() == 1 ? new int[] {1} : new int[] {1, options.threads()}) {
        byThreads.put(threads, measure(index, encoded, modeOptions, options.repeat(), threads));
        progress.accept(String.format(Locale.ROOT, "%s, %d thread(s): p50 %.2f ms, %.1f QPS",
            name(mode), threads, byThreads.get(threads).p50Ms(), byThreads.get(threads).qps()));
      }
      search.put(name(mode), byThreads);
    }

    Map<String, Double> recall = recallAgainstExact(index, encoded, base);
    List<SingleLegOverhead> overhead = SingleLegOverhead.measure(index, encoded, base, options.warmup(), Math.max(3, options.repeat()));
    return new BenchResult(
        index.path().toString(), index.model().toString(), index.info().documents(), encoded.size(),
        options, encoding, search, recall, overhead, bytesOnDisk(index.path()), heapInUse());
  }

  private static long bytesOnDisk(Path path) throws IOException {
    try (Stream<Path> files = Files.list(path)) {
      long bytes = 0;
      for (Path file : (Iterable<Path>) files::iterator) {
        bytes += Files.size(file);
      }
      return bytes;
    }
  }

  /** The heap the open index and its searches hold: in use after a full collection. */
  private static long heapInUse() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static LatencyStats measure(M3Index index, List<EncodedQuery> queries, SearchOptions options, int repeat, int threads)
      throws InterruptedException {
    int total = queries.size() * repeat;
    long[] nanos = new long[total];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>(total);
      for (int i = 0; i < total; i++) {
        int slot = i;
        futures.add(pool.submit(() -> {
          long t0 = System.nanoTime();
          try {
            index.search(queries.get(slot % queries.size()), options);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          nanos[slot] = System.nanoTime() - t0;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      return LatencyStats.of(nanos, System.nanoTime() - start);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a benchmark search failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Mean over queries of |approximate top k ∩ exact top k| / |exact top k|, per mode. */
  private static Map<String, Double> recallAgainstExact(M3Index index, List<EncodedQuery> queries, SearchOptions base)
      throws IOException {
    Map<String, Double> sums = new LinkedHashMap<>();
    modes(index).forEach(m -> sums.put(name(m), 0.0));
    for (EncodedQuery query : queries) {
      List<LegScoredDocument> all = index.scoreCandidates(query, base, true);
      for (SearchMode mode : modes(index)) {
        List<RankedDoc> exact =
            switch (mode) {
              case DENSE -> CandidateRanking.byLeg(all, Leg.DENSE, base.k());
              case SPARSE -> CandidateRanking.byLeg(all, Leg.SPARSE, base.k());
              case COLBERT -> CandidateRanking.byLeg(all, Leg.COLBERT, base.k());
              case HYBRID -> CandidateRanking.byFusion(all, base.fusion(), base.k());
            };
        if (exact.isEmpty()) {
          sums.merge(name(mode), 1.0, Double::sum);
          continue;
        }
        Set<String> found = new HashSet<>();
        for (SearchHit hit : index.search(query, base.withMode(mode))) {
          found.add(hit.id());
        }
        long hits = exact.stream().filter(d -> found.contains(d.docId())).count();
        sums.merge(name(mode), (double) hits / exact.size(), Double::sum);
      }
    }
    sums.replaceAll((mode, sum) -> sum / queries.size());
    return sums;
  }

  static String name(SearchMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }
}
