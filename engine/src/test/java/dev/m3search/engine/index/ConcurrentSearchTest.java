package dev.m3search.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.model.EncoderOptions;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.ModelSpec;
import dev.m3search.engine.model.TextEncoding;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four threads search while a fifth adds, replaces and deletes documents and refreshes. Every
 * result must come from one point in time: its hits are live documents of that snapshot, each
 * once, each hit's stored text is the version its vectors were encoded from, and a hybrid search's
 * hits are the exact top k of that snapshot with their exact fused scores (the index is smaller
 * than the candidate depth, so the approximate search sees every document).
 */
class ConcurrentSearchTest {
  private static final String[] TEXTS = {
    "the tide rises twice a day", "a comet grows a tail near the sun", "bake bread until the crust is brown",
    "simmer onions for a vegetable soup", "tomatoes need full sun and water", "leaves decay into compost",
    "glaciers carve valleys over centuries", "bees carry pollen between flowers", "volcanoes release ash and lava",
    "owls hunt at night in silence", "rivers carry silt to the delta", "wind turns the blades of a mill"};
  private static final int IDS = 24;
  private static final int SEARCHERS = 4;
  /** Some ulps of a score near 1: an equal score set apart, not another score. */
  private static final float ROUNDING = 1e-6f;

  private static M3Encoder encoder;
  private static final Map<String, TextEncoding> ENCODED = new HashMap<>();

  @TempDir Path dir;

  @BeforeAll
  static void open() throws Exception {
    encoder = M3Encoder.open(ModelSpec.defaultModel(), new EncoderOptions(16, 1));
    List<TextEncoding> encodings = encoder.encodeDocuments(List.of(TEXTS));
    for (int i = 0; i < TEXTS.length; i++) {
      ENCODED.put(TEXTS[i], encodings.get(i));
    }
  }

  @AfterAll
  static void close() throws Exception {
    encoder.close();
  }

  @Test
  void everyResultIsConsistentWithOnePointInTime() throws Exception {
    IndexConfig config = IndexConfig.defaults().withSearchThreads(2);
    try (M3Index index = M3Index.open(dir, encoder, config)) {
      Random seed = new Random(5);
      for (int id = 0; id < IDS / 2; id++) {
        put(index, id, TEXTS[seed.nextInt(TEXTS.length)]);
      }
      index.refresh();
      List<EncodedQuery> queries = List.of(
          index.encodeQuery("sun and sea"), index.encodeQuery("cooking soup"), index.encodeQuery("nature at night"));
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicInteger checked = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(SEARCHERS + 1);
      try {
        List<Future<?>> searchers = new ArrayList<>();
        for (int t = 0; t < SEARCHERS; t++) {
          int thread = t;
          searchers.add(pool.submit(() -> {
            int round = 0;
            while (writing.get() || round < 3) {
              EncodedQuery query = queries.get((thread + round) % queries.size());
              SearchMode mode = SearchMode.values()[(thread + round) % SearchMode.values().length];
              try (IndexSnapshot snapshot = index.snapshot()) {
                checkOnePointInTime(snapshot, query, SearchOptions.defaults(index.defaultFusion()).withMode(mode).withLegScores(true));
              }
              checked.incrementAndGet();
              round++;
            }
            return null;
          }));
        }
        Future<?> writer = pool.submit(() -> {
          Random random = new Random(9);
          for (int op = 0; op < 150; op++) {
            int id = random.nextInt(IDS);
            if (random.nextInt(4) == 0) {
              index.delete("doc" + id);
            } else {
              put(index, id, TEXTS[random.nextInt(TEXTS.length)]);
            }
            if (op % 5 == 0) {
              index.refresh();
            }
            if (op % 50 == 0) {
              index.commit(Map.of());
            }
          }
          index.refresh();
          return null;
        });
        try {
          writer.get();
        } finally {
          writing.set(false);
        }
        for (Future<?> searcher : searchers) {
          searcher.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertTrue(checked.get() >= SEARCHERS * 3, "searched " + checked.get() + " times");
    }
  }

  private static void put(M3Index index, int id, String text) throws Exception {
    index.addEncoded(List.of(new SourceDocument("doc" + id, "", text, Map.of())), List.of(ENCODED.get(text)));
  }

  private static void checkOnePointInTime(IndexSnapshot snapshot, EncodedQuery query, SearchOptions options) throws Exception {
    int live = snapshot.searcher().getIndexReader().numDocs();
    List<SearchHit> hits = snapshot.search(query, options);
    assertEquals(Math.min(options.k(), expectedHits(snapshot, query, options, live)), hits.size(), options.mode() + ": hits of " + live);
    Set<String> seen = new HashSet<>();
    for (SearchHit hit : hits) {
      assertTrue(seen.add(hit.id()), "each document once: " + hit.id());
      TextEncoding version = ENCODED.get(hit.text());
      assertNotNull(version, hit.text());
      // the stored text and the vectors scored belong to the same version of the document
      assertEquals(VectorUtil.dotProduct(query.dense(), version.dense()), hit.legs().dense(), 1e-5f, hit.id());
    }
    List<SearchHit> again = snapshot.search(query, options);
    // every mode scores with m3search's reproducible arithmetic (the dense mode too: HNSW only chooses the documents)
    assertEquals(ranking(hits), ranking(again), options.mode() + ": a snapshot answers the same way twice");
    if (options.mode() == SearchMode.HYBRID) {
      // the index is smaller than the candidates, so the hybrid search fuses what the exact one does
      List<LegScoredDocument> exact = snapshot.scoreCandidates(query, options, true);
      assertEquals(live, exact.size(), "every live document is a candidate of the exact search");
      float[] fused = options.fusion().fuse(exact.stream().map(LegScoredDocument::candidate).toList());
      Map<String, Float> exactScores = new HashMap<>();
      for (int i = 0; i < fused.length; i++) {
        exactScores.put(exact.get(i).id(), fused[i]);
      }
      for (SearchHit hit : hits) {
        Float score = exactScores.get(hit.id());
        assertNotNull(score, hit.id() + " is live in this snapshot");
        // equal scores are set apart by an ulp or a few
        assertEquals(score, hit.score(), ROUNDING, hit.id() + ": the exact fused score");
      }
      Set<String> hitIds = new HashSet<>(hits.stream().map(SearchHit::id).toList());
      float last = exactScores.get(hits.getLast().id());
      exactScores.forEach((id, score) -> assertTrue(hitIds.contains(id) || score <= last,
          id + " scores " + score + " exactly, above the last hit's " + last));
    }
  }

  private static List<String> ranking(List<SearchHit> hits) {
    return hits.stream().map(h -> h.id() + "=" + Float.toHexString(h.score())).toList();
  }

  /** How many documents the mode returns when the index is smaller than the depth: all, or for sparse those matching. */
  private static int expectedHits(IndexSnapshot snapshot, EncodedQuery query, SearchOptions options, int live) throws Exception {
    if (options.mode() != SearchMode.SPARSE) {
      return live;
    }
    return snapshot.searcher().count(query.sparse());
  }
}
