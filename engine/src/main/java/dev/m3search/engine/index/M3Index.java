package dev.m3search.engine.index;

import dev.m3search.codecs.M3FieldFormats;
import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.codecs.M3Fields;
import dev.m3search.engine.analysis.LexicalLanguage;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.ModelIdentity;
import dev.m3search.engine.model.TextEncoding;
import dev.m3search.query.DefaultFusion;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.Fusion;
import dev.m3search.query.SearchOptions;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * An m3search index: one Lucene index holding the dense, sparse and token-vector legs of every
 * document, written with {@link M3Lucene104Codec}. The index is its schema: the identity of the
 * model that built it (and so its legs and dimensions) is stored with every commit, and the index
 * opens from that record alone, without loading the model: {@link #openReadOnly(Path)} and {@link
 * #open(Path, IndexConfig)} search with encoded queries and add encoded documents. An encoder is
 * needed only to turn text into vectors ({@link #add}, {@link #search(String, SearchOptions)}); an
 * index opened with one refuses a model other than its own. Adding a document whose id exists
 * replaces it.
 *
 * <p>Visibility: a search sees the index as of the last {@link #refresh()} or {@link #commit}, or
 * of the last background refresh when {@link IndexConfig#maxStaleness()} is set; an {@code add}
 * alone is not visible, and a search never reads the disk to look for changes. {@link #close()}
 * commits what was added, as Lucene's {@code IndexWriter} does, recording the model and the
 * storage modes of this opening, and the user data of the last commit only when no document
 * changed since; {@link #rollback()} first to drop it. Thread-safe: adds, deletes, commits and
 * searches may run concurrently.
 */
public final class M3Index implements Closeable {
  private final String name;
  private final Path path;
  private final Directory directory;
  private final boolean ownsDirectory;
  /** The model the index records: read from its last commit, or given when it is created. */
  private final ModelIdentity model;
  /** Encodes text for {@link #add} and {@link #search(String, SearchOptions)}; null when opened without a model. */
  private final QueryEncoder queries;
  private final IndexConfig config;
  private final boolean readOnly;
  private final Analyzer analyzer;
  private final LexicalLanguage language;
  private final DocumentBuilder builder;
  private final StorageModes storage;
  private final MetadataLayout metadataLayout;
  /** Runs the concurrent parts of searches; null when searches run on the caller's thread only. */
  private final ExecutorService searchExecutor;
  /** Shared by every operation; exclusive for {@link #rollback()} and {@link #close()}, which replace or end {@link #state}. */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  /** Makes setting the commit data and committing one step: two commits never record each other's data. */
  private final Lock commitLock = new ReentrantLock();
  /** Whether documents were added or deleted since the last commit (merges do not count). */
  private final AtomicBoolean documentsChanged = new AtomicBoolean();
  private OpenState state;

  /** The writer (null when read-only), the searchers over it and their background refresh. */
  private record OpenState(IndexWriter writer, SearcherManager searchers, Closeable refresh) {}

  /**
   * @param given the model to create the index with, or to check an existing index against; null
   *     to open an existing index as it recorded itself
   * @param encoder encodes text for this index, or null; its identity is {@code given}
   */
  private M3Index(
      String name, Path path, Directory directory, boolean ownsDirectory, ModelIdentity given, M3Encoder encoder,
      IndexConfig config, boolean readOnly)
      throws IOException {
    this.name = name;
    this.path = path;
    this.directory = directory;
    this.ownsDirectory = ownsDirectory;
    this.config = config;
    this.readOnly = readOnly;
    boolean exists = DirectoryReader.indexExists(directory);
    StorageModes storedModes = null;
    MetadataLayout layout = MetadataLayout.FIELD_PER_KIND;
    LexicalLanguage recordedLanguage = null;
    if (exists) {
      ModelIdentity stored = readIdentity(directory, name);
      if (given != null && !stored.sameModelAs(given)) {
        throw new ModelMismatchException(name, stored, given);
      }
      // the given identity's name is the current label of the same model (a folder can be renamed)
      this.model = given != null ? given : stored;
      Map<String, String> lastCommit = SegmentInfos.readLatestCommit(directory).getUserData();
      storedModes = StorageModes.fromCommitData(lastCommit);
      layout = MetadataLayout.of(directory);
      recordedLanguage = LexicalAnalysis.fromCommitData(lastCommit);
      if (config.language() != null && config.language() != recordedLanguage) {
        throw new IllegalArgumentException("index " + name + " analyses its lexical leg as " + recordedLanguage
            + "; it cannot be opened with " + config.language() + " (its terms would not match); open it without a"
            + " language, or index the corpus again into a new folder");
      }
    } else if (readOnly || given == null) {
      throw new IOException(
          "no m3search index at " + name + (readOnly ? "" : "; to create one, open it with the model that encodes its documents"));
    } else {
      this.model = given;
    }
    this.storage =
        config.storage() != null ? config.storage() : storedModes != null ? storedModes : StorageModes.defaults();
    this.metadataLayout = layout;
    this.builder = new DocumentBuilder(model, layout);
    this.language = recordedLanguage != null ? recordedLanguage
        : config.language() != null ? config.language() : LexicalLanguage.ENGLISH;
    this.analyzer = language.analyzer();
    this.searchExecutor = config.searchThreads() > 1 ? searchPool(config.searchThreads(), name) : null;
    QueryEncoder queryEncoder = null;
    try {
      queryEncoder = encoder == null ? null : QueryEncoder.of(encoder, model, language, name);
      this.state = openState(!exists);
    } catch (IOException | RuntimeException | Error e) {
      IOUtils.closeWhileHandlingException(queryEncoder, analyzer, this::shutdownSearchPool);
      throw e;
    }
    this.queries = queryEncoder;
  }

  /** Opens the index at {@code path} for reading and writing, creating it when missing. */
  public static M3Index open(Path path, M3Encoder encoder) throws IOException {
    return open(path, encoder, IndexConfig.defaults());
  }

  public static M3Index open(Path path, M3Encoder encoder, IndexConfig config) throws IOException {
    Files.createDirectories(path);
    return openOwned(path, encoder.identity(), encoder, config, false);
  }

  /**
   * Opens the index at {@code path} for reading and writing documents encoded elsewhere, creating
   * it for {@code model} when missing; {@link #addEncoded} and searches with encoded queries work,
   * text does not.
   */
  public static M3Index open(Path path, ModelIdentity model, IndexConfig config) throws IOException {
    Files.createDirectories(path);
    return openOwned(path, model, null, config, false);
  }

  /** Opens the existing index at {@code path} for reading and writing, as it recorded itself, without a model. */
  public static M3Index open(Path path, IndexConfig config) throws IOException {
    requireFolder(path);
    return openOwned(path, null, null, config, false);
  }

  /** Opens an existing index for searching only. */
  public static M3Index openReadOnly(Path path, M3Encoder encoder) throws IOException {
    return openReadOnly(path, encoder, IndexConfig.defaults());
  }

  public static M3Index openReadOnly(Path path, M3Encoder encoder, IndexConfig config) throws IOException {
    requireFolder(path);
    return openOwned(path, encoder.identity(), encoder, config, true);
  }

  /**
   * Opens an existing index for searching only, without loading any model: it answers encoded
   * queries ({@link #search(EncodedQuery, SearchOptions)}), {@link #info()} and {@link #get}.
   */
  public static M3Index openReadOnly(Path path) throws IOException {
    return openReadOnly(path, IndexConfig.defaults());
  }

  public static M3Index openReadOnly(Path path, IndexConfig config) throws IOException {
    requireFolder(path);
    return openOwned(path, null, null, config, true);
  }

  /**
   * Opens an index in a Lucene {@link Directory} the caller owns (and closes after this index), for
   * reading and writing or, with {@code readOnly}, for searching only.
   */
  public static M3Index open(Directory directory, M3Encoder encoder, IndexConfig config, boolean readOnly)
      throws IOException {
    return new M3Index(directory.toString(), null, directory, false, encoder.identity(), encoder, config, readOnly);
  }

  /**
   * As {@link #open(Directory, M3Encoder, IndexConfig, boolean)} without a model: {@code model}
   * creates the index when missing and is checked against an existing one; null opens an existing
   * index as it recorded itself.
   */
  public static M3Index open(Directory directory, ModelIdentity model, IndexConfig config, boolean readOnly)
      throws IOException {
    return new M3Index(directory.toString(), null, directory, false, model, null, config, readOnly);
  }

  private static void requireFolder(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      throw new IOException("no m3search index at " + path);
    }
  }

  private static M3Index openOwned(Path path, ModelIdentity model, M3Encoder encoder, IndexConfig config, boolean readOnly)
      throws IOException {
    Directory directory = FSDirectory.open(path);
    try {
      return new M3Index(path.toString(), path, directory, true, model, encoder, config, readOnly);
    } catch (IOException | RuntimeException | Error e) {
      IOUtils.closeWhileHandlingException(directory);
      throw e;
    }
  }

  /**
   * Opens the writer (and, for a new index, makes the first commit, which records the model), the
   * searchers and their background refresh; on failure closes what it opened, releasing the
   * writer's lock.
   */
  private OpenState openState(boolean create) throws IOException {
    IndexWriter writer = null;
    SearcherManager searchers = null;
    Closeable refresh = null;
    boolean success = false;
    try {
      if (readOnly) {
        searchers = new SearcherManager(directory, searcherFactory());
      } else {
        writer = new IndexWriter(directory, writerConfig());
        if (create) {
          commit(writer, Map.of());
        }
        searchers = new SearcherManager(writer, searcherFactory());
      }
      if (config.maxStaleness() != null) {
        refresh = BackgroundRefresh.start(writer, searchers, config.maxStaleness(), name);
      }
      success = true;
      return new OpenState(writer, searchers, refresh);
    } finally {
      if (!success) {
        IOUtils.closeWhileHandlingException(refresh, searchers);
        rollbackQuietly(writer);
      }
    }
  }

  private SearcherFactory searcherFactory() {
    return new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
        return new IndexSearcher(reader, searchExecutor);
      }
    };
  }

  private static ExecutorService searchPool(int threads, String name) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, task -> {
      Thread t = new Thread(task, "m3search-search-" + count.incrementAndGet() + " " + name);
      t.setDaemon(true);
      return t;
    });
  }

  private void shutdownSearchPool() {
    if (searchExecutor != null) {
      searchExecutor.shutdown();
    }
  }

  private static void rollbackQuietly(IndexWriter writer) {
    if (writer != null) {
      try {
        writer.rollback();
      } catch (IOException | RuntimeException ignored) {
        // the first failure is the one reported
      }
    }
  }

  /** The model identity stored in the last commit of the index at {@code path}, or null if none. */
  public static ModelIdentity storedIdentity(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return null;
    }
    try (Directory directory = FSDirectory.open(path)) {
      return DirectoryReader.indexExists(directory) ? readIdentity(directory, path.toString()) : null;
    }
  }

  private static ModelIdentity readIdentity(Directory directory, String name) throws IOException {
    ModelIdentity stored;
    try {
      stored = ModelIdentity.fromCommitData(SegmentInfos.readLatestCommit(directory).getUserData());
    } catch (IllegalArgumentException e) {
      throw new IOException(name + ": " + e.getMessage(), e);
    }
    if (stored == null) {
      throw new IOException(name + " is a Lucene index but not an m3search index (its commit names no model)");
    }
    return stored;
  }

  private IndexWriterConfig writerConfig() {
    TieredMergePolicy mergePolicy = new TieredMergePolicy();
    // separate files per format, so `info` can report bytes per leg
    mergePolicy.setNoCFSRatio(0);
    return new IndexWriterConfig(analyzer)
        .setCodec(new M3Lucene104Codec(new M3FieldFormats(storage.dense(), storage.tokens())))
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(config.ramBufferMB())
        .setUseCompoundFile(false)
        .setMergePolicy(mergePolicy);
  }

  /** The folder of the index, or null when it was opened on a {@link Directory}. */
  public Path path() {
    return path;
  }

  /** The folder or directory of the index, for messages. */
  public String name() {
    return name;
  }

  /** The model this index records, whose encodings it holds. */
  public ModelIdentity model() {
    return model;
  }

  /**
   * The encoder this index was opened with.
   *
   * @throws IllegalStateException when it was opened without a model
   */
  public M3Encoder encoder() {
    return queryEncoder().encoder();
  }

  /** Whether this index was opened with its model's encoder, so it can encode text. */
  public boolean canEncode() {
    return queries != null;
  }

  private QueryEncoder queryEncoder() {
    if (queries == null) {
      throw new IllegalStateException(
          "index " + name + " was opened without a model, so it cannot encode text; open it with its model ("
              + model.name() + "), or give encoded documents and queries");
    }
    return queries;
  }

  /** How this index stores vectors it writes. */
  public StorageModes storage() {
    return storage;
  }

  /** The fusion that suits this index's legs, see {@link DefaultFusion}. */
  public Fusion defaultFusion() {
    return defaultFusion(null);
  }

  /** The method {@code name} (null for the default) with the weights chosen for it on this index's legs, see {@link DefaultFusion}. */
  public Fusion defaultFusion(String name) {
    return DefaultFusion.of(model.sparseKind(), modelKnowsLanguage(), hasTokenVectors(), name);
  }

  /**
   * Whether the index has a ColBERT leg: its model gives token vectors. Without, it has a dense
   * and a lexical leg, and searches may not rank by ColBERT or weigh it.
   */
  public boolean hasTokenVectors() {
    return model.settings().hasTokenVectors();
  }

  /** The language the lexical leg analyses documents and queries as. */
  public LexicalLanguage language() {
    return language;
  }

  /**
   * Whether the index's model knows the index's language (its {@code "languages"}); when it does
   * not, the default fusion leans on the lexical leg, which reads any language.
   */
  public boolean modelKnowsLanguage() {
    return model.knows(language.code());
  }

  /**
   * Encodes and adds documents, replacing any with the same id. Visible to search after the next
   * {@link #refresh()} or {@link #commit}; durable after the next commit.
   */
  public AddResult add(List<SourceDocument> documents) throws IOException {
    long start = System.nanoTime();
    List<TextEncoding> encodings =
        encoder().encodeDocuments(documents.stream().map(SourceDocument::encodedText).toList());
    long encoded = System.nanoTime();
    addEncoded(documents, encodings);
    long written = System.nanoTime();
    int truncated = (int) encodings.stream().filter(TextEncoding::truncated).count();
    return new AddResult(documents.size(), truncated, encoded - start, written - encoded);
  }

  /**
   * Adds documents already encoded by this index's model, replacing any with the same id. Every
   * document is checked before any is written, so a bad one adds none of the list.
   *
   * @throws IllegalArgumentException when an encoding's dimensions differ from the index's model
   */
  public void addEncoded(List<SourceDocument> documents, List<TextEncoding> encodings) throws IOException {
    if (documents.size() != encodings.size()) {
      throw new IllegalArgumentException(documents.size() + " documents but " + encodings.size() + " encodings");
    }
    List<Document> built = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      built.add(builder.build(documents.get(i), encodings.get(i)));
    }
    Lock lock = shared();
    try {
      IndexWriter writer = writer();
      documentsChanged.set(true);
      for (int i = 0; i < built.size(); i++) {
        writer.updateDocument(new Term(M3Fields.ID, documents.get(i).id()), built.get(i));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Deletes the document with this id, if any; visible to search after the next refresh or commit. */
  public void delete(String id) throws IOException {
    Lock lock = shared();
    try {
      documentsChanged.set(true);
      writer().deleteDocuments(new Term(M3Fields.ID, id));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes everything added so far durable and visible to search; {@code userData} is stored with
   * the commit, beside the model's identity.
   */
  public void commit(Map<String, String> userData) throws IOException {
    Lock lock = shared();
    try {
      commit(writer(), userData);
      state.searchers().maybeRefreshBlocking();
    } finally {
      lock.unlock();
    }
  }

  private void commit(IndexWriter writer, Map<String, String> userData) throws IOException {
    commitLock.lock();
    try {
      // cleared first: a document added while this commit runs keeps the flag up, as it may miss the commit
      documentsChanged.set(false);
      writer.setLiveCommitData(commitData(userData).entrySet());
      writer.commit();
    } finally {
      commitLock.unlock();
    }
  }

  /** What a commit records: the caller's data, the model and the storage modes of this opening. */
  private Map<String, String> commitData(Map<String, String> userData) {
    Map<String, String> data = new LinkedHashMap<>(userData);
    data.putAll(model.toCommitData());
    data.putAll(storage.toCommitData());
    data.putAll(metadataLayout.toCommitData());
    data.putAll(LexicalAnalysis.toCommitData(language));
    return data;
  }

  /**
   * Merges the index down to at most {@code maxSegments} segments, written in this opening's
   * storage modes, and commits: for an index that is built once and then only searched (fewer
   * segments, one centroid per token field). Waits for the merges to finish.
   */
  public void forceMerge(int maxSegments) throws IOException {
    if (maxSegments < 1) {
      throw new IllegalArgumentException("maxSegments must be at least 1, got " + maxSegments);
    }
    Lock lock = shared();
    try {
      IndexWriter writer = writer();
      writer.forceMerge(maxSegments);
      commit(writer, Map.of());
      state.searchers().maybeRefreshBlocking();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes what was added, replaced and deleted so far visible to search (a read-only index looks
   * for a newer commit). Cheap when nothing changed.
   */
  public void refresh() throws IOException {
    Lock lock = shared();
    try {
      state.searchers().maybeRefreshBlocking();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drops everything since the last commit. The index stays open and usable at that commit: the
   * writer and the searchers are opened again.
   */
  public void rollback() throws IOException {
    lifecycle.writeLock().lock();
    try {
      if (state == null) {
        throw new AlreadyClosedException("index " + name + " is closed");
      }
      IndexWriter writer = writer();
      OpenState old = state;
      state = null;
      IOException failure = null;
      try {
        IOUtils.close(old.refresh(), old.searchers(), writer::rollback);
        documentsChanged.set(false);
      } catch (IOException e) {
        failure = e;
      }
      try {
        state = openState(false);
      } catch (IOException | RuntimeException e) {
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e);
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /** The user data of the last commit, read from the disk. */
  public Map<String, String> lastCommitData() throws IOException {
    return new HashMap<>(SegmentInfos.readLatestCommit(directory).getUserData());
  }

  /** The document with this id as the searchers see it, if any. */
  public Optional<SourceDocument> get(String id) throws IOException {
    return withSearcher(
        searcher -> {
          TopDocs top = searcher.search(new TermQuery(new Term(M3Fields.ID, id)), 1);
          if (top.scoreDocs.length == 0) {
            return Optional.empty();
          }
          Document doc = searcher.storedFields().document(top.scoreDocs[0].doc);
          return Optional.of(
              new SourceDocument(
                  id, doc.get(M3Fields.TITLE), doc.get(M3Fields.TEXT), Metadata.fromJson(doc.get(M3Fields.METADATA_JSON))));
        });
  }

  /** Encodes {@code query} and searches. */
  public List<SearchHit> search(String query, SearchOptions options) throws IOException {
    return search(encodeQuery(query), options);
  }

  /**
   * Searches with a query encoded by {@link #encodeQuery}: one page of hits ({@link
   * SearchOptions#from()}, {@link SearchOptions#k()}) of the searchers' current point in time. To
   * read several pages of one point in time, search a {@link #snapshot()}.
   */
  public List<SearchHit> search(EncodedQuery query, SearchOptions options) throws IOException {
    return withSearcher(searcher -> search(searcher).search(query, options));
  }

  /**
   * Why the document with this id has its score in a search with these options: the fused score
   * with each leg's score and part, as a Lucene {@link Explanation}; null when no document has
   * this id.
   */
  public Explanation explain(EncodedQuery query, SearchOptions options, String id) throws IOException {
    return withSearcher(searcher -> search(searcher).explain(query, options, id));
  }

  /**
   * The candidates of a hybrid search with the exact score of each leg and the legs that retrieved
   * them, unfused: the union of the first-stage legs' top lists and ColBERT's best of them, or,
   * when {@code exact}, the union of every leg's exact top list over all documents (matching the
   * filter). For evaluation: exact rankings per leg, and fusion sweeps over the same candidates.
   */
  public List<LegScoredDocument> scoreCandidates(EncodedQuery query, SearchOptions options, boolean exact)
      throws IOException {
    return withSearcher(searcher -> search(searcher).candidates(query, options, exact));
  }

  /**
   * The index as the searchers see it now, held until closed: every search of a snapshot reads the
   * same documents, whatever is added, deleted or refreshed meanwhile. Close it promptly: it keeps
   * its segments' files open.
   */
  public IndexSnapshot snapshot() throws IOException {
    Lock lock = shared();
    try {
      SearcherManager searchers = state.searchers();
      IndexSearcher searcher = searchers.acquire();
      return new IndexSnapshot(searcher, search(searcher), () -> searchers.release(searcher));
    } finally {
      lock.unlock();
    }
  }

  private PointInTimeSearch search(IndexSearcher searcher) {
    return new PointInTimeSearch(searcher, storage.dense().oversample(), model);
  }

  /**
   * The three representations of a query, ready for {@link #search(EncodedQuery, SearchOptions)}.
   *
   * @throws IllegalStateException when the index was opened without a model
   */
  public EncodedQuery encodeQuery(String query) throws IOException {
    return queryEncoder().encode(query);
  }

  /** Documents, bytes per leg and the model of this index, as the searchers see it. */
  public IndexInfo info() throws IOException {
    Map<String, String> commitData = lastCommitData();
    return withSearcher(
        searcher -> IndexInfo.of(directory, (DirectoryReader) searcher.getIndexReader(), model, commitData));
  }

  private interface SearcherWork<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(SearcherWork<T> work) throws IOException {
    Lock lock = shared();
    try {
      SearcherManager searchers = state.searchers();
      IndexSearcher searcher = searchers.acquire();
      try {
        return work.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Takes the shared lock of an operation on an open index; the caller unlocks. */
  private Lock shared() {
    Lock lock = lifecycle.readLock();
    lock.lock();
    if (state == null) {
      lock.unlock();
      throw new AlreadyClosedException("index " + name + " is closed");
    }
    return lock;
  }

  private IndexWriter writer() {
    if (readOnly) {
      throw new IllegalStateException("index " + name + " is open for reading only");
    }
    return state.writer();
  }

  /** Commits what was added (as Lucene's {@code IndexWriter} does) and releases everything, even when a step fails. */
  @Override
  public void close() throws IOException {
    lifecycle.writeLock().lock();
    try {
      OpenState open = state;
      state = null;
      List<Closeable> closing = new ArrayList<>();
      if (open != null) {
        closing.add(open.refresh());
        closing.add(open.searchers());
        if (open.writer() != null && documentsChanged.get()) {
          // the user data of the last commit no longer describes the documents the closing commit holds
          open.writer().setLiveCommitData(commitData(Map.of()).entrySet());
        }
        closing.add(open.writer());
      }
      closing.add(queries);
      closing.add(analyzer);
      closing.add(this::shutdownSearchPool);
      if (ownsDirectory) {
        closing.add(directory);
      }
      IOUtils.close(closing);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
