package dev.m3search.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * The top n with ties equals the first n of an exhaustive ranking (score, then doc id) and every
 * hit tying the n-th score, up to {@code most}, on BM25 disjunctions whose scores tie often (few
 * words, short texts, BM25's quantised lengths), over several segments, on one thread and on
 * slices collected concurrently.
 */
class TopWithTiesCollectorManagerTest {
  private static final String[] WORDS = {"a", "b", "c", "d", "e", "f", "g", "h"};

  @Test
  void topWithTiesIsTheExhaustiveRankingCutAfterTheTiesOfTheLastScore() throws IOException {
    Random random = new Random(20261201);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try (Directory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(dir,
          new IndexWriterConfig().setMaxBufferedDocs(500).setMergePolicy(NoMergePolicy.INSTANCE))) {
        for (int i = 0; i < 3000; i++) {
          StringBuilder text = new StringBuilder();
          for (int w = 1 + random.nextInt(4); w > 0; w--) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
          }
          Document doc = new Document();
          doc.add(new TextField("text", text.toString(), Field.Store.NO));
          writer.addDocument(doc);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertTrue(reader.leaves().size() >= 6, "several segments");
        IndexSearcher oneThread = new IndexSearcher(reader);
        IndexSearcher slices = new IndexSearcher(reader, executor) {
          @Override
          protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
            return slices(leaves, 1, 1, false);
          }
        };
        int sawTies = 0;
        for (int trial = 0; trial < 200; trial++) {
          BooleanQuery.Builder query = new BooleanQuery.Builder();
          for (int t = 1 + random.nextInt(3); t > 0; t--) {
            query.add(new TermQuery(new Term("text", WORDS[random.nextInt(WORDS.length)])), Occur.SHOULD);
          }
          int n = 1 + random.nextInt(20);
          int most = n + random.nextInt(100);
          ScoreDoc[] expected = exhaustive(oneThread, query.build(), n, most);
          if (expected.length > n) {
            sawTies++;
          }
          for (IndexSearcher searcher : new IndexSearcher[] {oneThread, slices}) {
            ScoreDoc[] top = searcher.search(query.build(), new TopWithTiesCollectorManager(n, most));
            assertArrayEquals(docs(expected), docs(top), query.build() + ", n " + n + ", most " + most);
            assertArrayEquals(scores(expected), scores(top), query.build() + ", n " + n + ", most " + most);
          }
        }
        assertTrue(sawTies > 50, "the trials tie at the n-th score often: " + sawTies);
      }
    } finally {
      executor.shutdown();
    }
  }

  @Test
  void nMustBeAtLeastOneAndMostAtLeastN() {
    assertThrows(IllegalArgumentException.class, () -> new TopWithTiesCollectorManager(0, 10));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TopWithTiesCollectorManager(10, 5));
    assertEquals("n must be at least 1 and most at least n: 10, 5", e.getMessage());
  }

  /** Every hit, ordered by score then doc id, cut after the ties of the n-th score (at most {@code most}). */
  private static ScoreDoc[] exhaustive(IndexSearcher searcher, Query query, int n, int most) throws IOException {
    int maxDoc = searcher.getIndexReader().maxDoc();
    ScoreDoc[] all = searcher.search(query, new TopScoreDocCollectorManager(maxDoc, Integer.MAX_VALUE)).scoreDocs;
    if (all.length <= n) {
      return all;
    }
    int keep = n;
    while (keep < Math.min(all.length, most) && all[keep].score == all[n - 1].score) {
      keep++;
    }
    return Arrays.copyOf(all, keep);
  }

  private static int[] docs(ScoreDoc[] hits) {
    return Arrays.stream(hits).mapToInt(h -> h.doc).toArray();
  }

  private static float[] scores(ScoreDoc[] hits) {
    float[] scores = new float[hits.length];
    for (int i = 0; i < hits.length; i++) {
      scores[i] = hits[i].score;
    }
    return scores;
  }
}
