package dev.m3search.clustertest;

import dev.m3search.codecs.LegFields;
import dev.m3search.codecs.M3Fields;
import dev.m3search.codecs.M3FieldFormats;
import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.Fusion;
import dev.m3search.query.HybridQuery;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import dev.m3search.query.SparseQueries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

/** The embedded engine on the same representations: its codec, its fields and its {@link HybridQuery}. */
public final class EmbeddedEngine implements java.io.Closeable {
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  /** A hit: document id and score. */
  public record Hit(String id, float score) {}

  /** The field {@link #EmbeddedEngine(List, TokenVectorMode, IntFunction)} tags documents in. */
  public static final String TAG = "tag";

  /** The documents in one segment, token vectors stored in {@code mode}. */
  public EmbeddedEngine(List<Corpus.Item> documents, TokenVectorMode mode) throws IOException {
    this(documents, mode, d -> null);
  }

  /** As {@link #EmbeddedEngine(List, TokenVectorMode)}, document {@code d} tagged {@code tag.apply(d)} (none where null). */
  public EmbeddedEngine(List<Corpus.Item> documents, TokenVectorMode mode, IntFunction<String> tag) throws IOException {
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(new M3Lucene104Codec(M3FieldFormats.defaults().withTokenMode(mode))))) {
      for (int d = 0; d < documents.size(); d++) {
        Corpus.Item item = documents.get(d);
        Document doc = new Document();
        doc.add(new StringField(M3Fields.ID, Integer.toString(d), Field.Store.YES));
        LegFields.EMBEDDED.fields(item.dense(), item.sparse(), item.colbert()).forEach(doc::add);
        if (tag.apply(d) != null) {
          doc.add(new StringField(TAG, tag.apply(d), Field.Store.NO));
        }
        writer.addDocument(doc);
      }
      writer.forceMerge(1);
    }
    reader = DirectoryReader.open(directory);
    searcher = new IndexSearcher(reader);
  }

  public List<Hit> search(Corpus.Item query, Fusion fusion, int size) throws IOException {
    return search(query, fusion, size, SearchOptions.DEFAULT_CANDIDATES, null);
  }

  /** The top {@code size} of the hybrid search of {@code depth} candidates per leg, {@code filter} applied inside the legs. */
  public List<Hit> search(Corpus.Item query, Fusion fusion, int size, int depth, Query filter) throws IOException {
    EncodedQuery encoded = new EncodedQuery(query.dense(), SparseQueries.learnedWeights(M3Fields.SPARSE, query.sparse()), query.colbert());
    HybridQuery hybrid = new HybridQuery(encoded, SearchMode.HYBRID, fusion, depth, filter, 1);
    List<Hit> hits = new ArrayList<>();
    for (ScoreDoc hit : searcher.search(hybrid, size).scoreDocs) {
      hits.add(new Hit(searcher.storedFields().document(hit.doc, Set.of(M3Fields.ID)).get(M3Fields.ID), hit.score));
    }
    return hits;
  }

  @Override
  public void close() throws IOException {
    reader.close();
    directory.close();
  }
}
