package dev.m3search.engine.index;

import dev.m3search.query.EncodedQuery;
import dev.m3search.query.HybridQuery;
import dev.m3search.query.SearchOptions;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;

/**
 * One point in time of an {@link M3Index} (from {@link M3Index#snapshot()}): every search reads the
 * same documents, so pages of one query fit together. Thread-safe; close it when done.
 */
public final class IndexSnapshot implements Closeable {
  private final IndexSearcher searcher;
  private final PointInTimeSearch search;
  private final Closeable release;
  private boolean closed;

  IndexSnapshot(IndexSearcher searcher, PointInTimeSearch search, Closeable release) {
    this.searcher = searcher;
    this.search = search;
    this.release = release;
  }

  /** As {@link M3Index#search(EncodedQuery, SearchOptions)}, on this point in time. */
  public List<SearchHit> search(EncodedQuery query, SearchOptions options) throws IOException {
    return search.search(query, options);
  }

  /** As {@link M3Index#explain}, on this point in time. */
  public Explanation explain(EncodedQuery query, SearchOptions options, String id) throws IOException {
    return search.explain(query, options, id);
  }

  /** As {@link M3Index#scoreCandidates}, on this point in time. */
  public List<LegScoredDocument> scoreCandidates(EncodedQuery query, SearchOptions options, boolean exact) throws IOException {
    return search.candidates(query, options, exact);
  }

  /**
   * The Lucene query of a search with these options on this index (with its dense oversampling),
   * for {@link #searcher()} or any Lucene API. It answers the first {@code from + k} documents of
   * the search's ranking (a sparse search collects only those): {@code searcher().search(query(q,
   * options), n)} gives, for {@code n} up to {@code from + k}, the hits and scores of {@code
   * search(q, options.withFrom(0).withK(n))}, in the same order.
   */
  public HybridQuery query(EncodedQuery query, SearchOptions options) {
    return search.query(query, options);
  }

  /** The Lucene searcher of this point in time, for queries of your own ({@link #query} among them). */
  public IndexSearcher searcher() {
    return searcher;
  }

  /** Changes with every change the snapshot can see: the reader's version. */
  public long version() {
    return ((DirectoryReader) searcher.getIndexReader()).getVersion();
  }

  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      release.close();
    }
  }
}
