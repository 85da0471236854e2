package dev.m3search.eval.compare;

import dev.m3search.codecs.M3Fields;
import dev.m3search.engine.index.IndexConfig;
import dev.m3search.engine.index.IndexSnapshot;
import dev.m3search.engine.index.M3Index;
import dev.m3search.eval.bench.LatencyStats;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.SearchOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LateInteractionField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.LateInteractionRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * The default hybrid search through the public API against the stock Lucene pipeline doing the same
 * work, on one index at one search thread, the two run alternately query by query. m3search: {@link
 * M3Index#search} with the default options (dense and lexical top lists of the default depth,
 * MaxSim of their union on the stored codes, fusion, the page's stored documents). Lucene: {@link
 * KnnFloatVectorQuery} and the lexical query, each for the same depth, on the same index (its dense
 * field is Lucene's float32 HNSW format and its lexical field Lucene's postings),
 * {@link LateInteractionRescorer} over their union on {@link LateInteractionField}s of the index's
 * token vectors (as floats, in a stock index of the same doc ids), and the top 10's stored
 * documents.
 */
final class StockPipelineComparison {
  private final int repeat;
  private final Consumer<String> out;

  StockPipelineComparison(int repeat, Consumer<String> out) {
    this.repeat = repeat;
    this.out = out;
  }

  void compare(Path indexPath, Path work, List<EncodedQuery> queries) throws IOException {
    Path stockDir = work.resolve("stock-pipeline");
    try (M3Index index = M3Index.openReadOnly(indexPath, IndexConfig.defaults().withSearchThreads(1));
        IndexSnapshot snapshot = index.snapshot();
        Directory stock = FSDirectory.open(stockDir)) {
      IndexSearcher searcher = snapshot.searcher();
      buildTokenIndex(searcher.getIndexReader(), stock);
      SearchOptions options = SearchOptions.defaults(index.defaultFusion());
      int depth = options.candidates();
      int k = options.k();
      try (DirectoryReader stockReader = DirectoryReader.open(stock)) {
        IndexSearcher stockSearcher = new IndexSearcher(stockReader);
        StoredFields stored = searcher.storedFields();
        LatencyStats.QueryRun lucene = q -> {
          EncodedQuery query = queries.get(q);
          TopDocs dense = searcher.search(new KnnFloatVectorQuery(M3Fields.DENSE, query.dense(), depth), depth);
          TopDocs lexical = searcher.search(query.sparse(), depth);
          TopDocs top = LateInteractionRescorer.create(M3Fields.COLBERT, query.tokenVectors(), VectorSimilarityFunction.DOT_PRODUCT)
              .rescore(stockSearcher, union(dense, lexical), k);
          for (ScoreDoc hit : top.scoreDocs) {
            stored.document(hit.doc);
          }
        };
        LatencyStats.QueryRun m3search = q -> index.search(queries.get(q), options);
        LatencyStats.warmUp(queries.size(), Math.max(200, queries.size()), 2 * LatencyStats.WARM_UP_MILLIS, q -> {
          lucene.run(q);
          m3search.run(q);
        });
        long[] ours = new long[queries.size()];
        long[] theirs = new long[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
          int query = q;
          // which runs first alternates: the second of a pair finds the query's data in the CPU caches
          if (q % 2 == 1) {
            ours[q] = LatencyStats.medianNanos(repeat, () -> m3search.run(query));
          }
          theirs[q] = LatencyStats.medianNanos(repeat, () -> lucene.run(query));
          if (q % 2 == 0) {
            ours[q] = LatencyStats.medianNanos(repeat, () -> m3search.run(query));
          }
        }
        LatencyStats m3 = LatencyStats.of(ours, 0);
        LatencyStats stockStats = LatencyStats.of(theirs, 0);
        out.accept("");
        out.accept(String.format(Locale.ROOT, "### Hybrid search, %s: %,d documents in %d segments, top %d, %d candidates per leg, one search thread",
            indexPath, searcher.getIndexReader().numDocs(), searcher.getIndexReader().leaves().size(), k, depth));
        out.accept("");
        out.accept("| search | p50 ms | p99 ms | speed-up (p50) |");
        out.accept("|---|---:|---:|---:|");
        out.accept(String.format(Locale.ROOT,
            "| Lucene: kNN %d + lexical %d, LateInteractionRescorer on float32 LateInteractionField, stored documents | %.3f | %.3f | 1.0 |",
            depth, depth, stockStats.p50Ms(), stockStats.p99Ms()));
        out.accept(String.format(Locale.ROOT, "| m3search: M3Index.search, default hybrid (%s) | %.3f | %.3f | %.1f |",
            index.defaultFusion().describe(), m3.p50Ms(), m3.p99Ms(), stockStats.p50Ms() / m3.p50Ms()));
      }
    } finally {
      IOUtils.rm(stockDir);
    }
  }

  /**
   * A stock index holding each document's token vectors (as the index reads them back) as a {@link
   * LateInteractionField}, at the same doc id: one document for every document of {@code reader},
   * in order, without merges.
   */
  private static void buildTokenIndex(org.apache.lucene.index.IndexReader reader, Directory stock) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig()
        .setCodec(new Lucene104Codec())
        .setMergePolicy(NoMergePolicy.INSTANCE)
        .setRAMBufferSizeMB(512);
    try (IndexWriter writer = new IndexWriter(stock, config)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        BinaryDocValues tokens = leaf.reader().getBinaryDocValues(M3Fields.COLBERT);
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          Document document = new Document();
          if (tokens != null && tokens.advanceExact(doc)) {
            document.add(new LateInteractionField(M3Fields.COLBERT, LateInteractionField.decode(tokens.binaryValue())));
          }
          writer.addDocument(document);
        }
      }
    }
  }

  /** The union of two top lists, each document once, as first-stage hits for a rescorer. */
  private static TopDocs union(TopDocs a, TopDocs b) {
    Map<Integer, ScoreDoc> docs = new LinkedHashMap<>();
    for (TopDocs top : List.of(a, b)) {
      for (ScoreDoc hit : top.scoreDocs) {
        docs.putIfAbsent(hit.doc, hit);
      }
    }
    return new TopDocs(new TotalHits(docs.size(), TotalHits.Relation.EQUAL_TO), docs.values().toArray(ScoreDoc[]::new));
  }
}
