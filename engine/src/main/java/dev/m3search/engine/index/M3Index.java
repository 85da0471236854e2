package dev.m3search.engine.index;

import dev.m3search.codecs.M3Codec;
import dev.m3search.codecs.M3Fields;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.ModelIdentity;
import dev.m3search.engine.model.TextEncoding;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.Fusion;
import dev.m3search.query.HybridSearcher;
import dev.m3search.query.LegWeights;
import dev.m3search.query.ScoredCandidate;
import dev.m3search.query.SearchOptions;
import dev.m3search.query.SparseQueries;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * An m3search index: one Lucene index holding the dense, sparse and token-vector legs of every
 * document, written with {@link M3Codec}. The model's identity is stored with every commit, and an
 * index opened with another model is refused. Adding a document whose id exists replaces it.
 */
public final class M3Index implements Closeable {
  /** Lucene buffers this much before it flushes a segment; token vectors are large. */
  private static final double RAM_BUFFER_MB = 256;

  private final Path path;
  private final Directory directory;
  private final M3Encoder encoder;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Analyzer analyzer = LexicalAnalysis.analyzer();
  private final DocumentBuilder builder;
  private final boolean learnedSparse;

  private M3Index(Path path, Directory directory, M3Encoder encoder, boolean readOnly) throws IOException {
    this.path = path;
    this.directory = directory;
    this.encoder = encoder;
    this.learnedSparse = encoder.identity().sparseKind().equals("learned");
    this.builder = new DocumentBuilder(learnedSparse);
    boolean exists = DirectoryReader.indexExists(directory);
    if (exists) {
      ModelIdentity stored = readIdentity(directory, path);
      if (!stored.equals(encoder.identity())) {
        throw new ModelMismatchException(path, stored, encoder.identity());
      }
    } else if (readOnly) {
      throw new IOException("no m3search index at " + path);
    }
    if (readOnly) {
      this.writer = null;
      this.searchers = new SearcherManager(directory, null);
    } else {
      this.writer = new IndexWriter(directory, writerConfig());
      if (!exists) {
        commit(Map.of());
      }
      this.searchers = new SearcherManager(writer, null);
    }
  }

  /** Opens the index at {@code path} for reading and writing, creating it when missing. */
  public static M3Index open(Path path, M3Encoder encoder) throws IOException {
    Files.createDirectories(path);
    return openChecked(path, encoder, false);
  }

  /** Opens an existing index for searching only. */
  public static M3Index openReadOnly(Path path, M3Encoder encoder) throws IOException {
    return openChecked(path, encoder, true);
  }

  private static M3Index openChecked(Path path, M3Encoder encoder, boolean readOnly) throws IOException {
    Directory directory = FSDirectory.open(path);
    try {
      return new M3Index(path, directory, encoder, readOnly);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** The model identity stored in the last commit of the index at {@code path}, or null if none. */
  public static ModelIdentity storedIdentity(Path path) throws IOException {
    try (Directory directory = FSDirectory.open(path)) {
      return DirectoryReader.indexExists(directory) ? readIdentity(directory, path) : null;
    }
  }

  private static ModelIdentity readIdentity(Directory directory, Path path) throws IOException {
    ModelIdentity stored =
        ModelIdentity.fromCommitData(SegmentInfos.readLatestCommit(directory).getUserData());
    if (stored == null) {
      throw new IOException(path + " is a Lucene index but not an m3search index (its commit names no model)");
    }
    return stored;
  }

  private IndexWriterConfig writerConfig() {
    TieredMergePolicy mergePolicy = new TieredMergePolicy();
    // separate files per format, so `info` can report bytes per leg
    mergePolicy.setNoCFSRatio(0);
    return new IndexWriterConfig(analyzer)
        .setCodec(new M3Codec())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(RAM_BUFFER_MB)
        .setUseCompoundFile(false)
        .setMergePolicy(mergePolicy);
  }

  public Path path() {
    return path;
  }

  public M3Encoder encoder() {
    return encoder;
  }

  /**
   * Weights chosen for the lexical sparse leg by {@code m3search eval --sweep} on msmarco-5k:
   * reciprocal rank fusion, which does not care that BM25 and cosine scores live on other scales.
   */
  public static final Fusion LEXICAL_DEFAULT_FUSION =
      new Fusion.ReciprocalRank(new LegWeights(0.2f, 0.1f, 0.7f), Fusion.ReciprocalRank.DEFAULT_K);

  /**
   * The fusion that suits this index's legs: BGE-M3's weighted sum 0.4/0.2/0.4 when the sparse leg
   * holds learned weights, {@link #LEXICAL_DEFAULT_FUSION} when it is lexical.
   */
  public Fusion defaultFusion() {
    return learnedSparse ? new Fusion.WeightedSum(LegWeights.BGE_M3) : LEXICAL_DEFAULT_FUSION;
  }

  /** Encodes and adds documents, replacing any with the same id. Visible to search at once. */
  public AddResult add(List<SourceDocument> documents) throws IOException {
    long start = System.nanoTime();
    List<TextEncoding> encodings =
        encoder.encodeDocuments(documents.stream().map(SourceDocument::encodedText).toList());
    long encoded = System.nanoTime();
    addEncoded(documents, encodings);
    long written = System.nanoTime();
    int truncated = (int) encodings.stream().filter(TextEncoding::truncated).count();
    return new AddResult(documents.size(), truncated, encoded - start, written - encoded);
  }

  /** Adds documents already encoded by this index's encoder. */
  public void addEncoded(List<SourceDocument> documents, List<TextEncoding> encodings) throws IOException {
    requireWritable();
    for (int i = 0; i < documents.size(); i++) {
      SourceDocument source = documents.get(i);
      writer.updateDocument(new Term(M3Fields.ID, source.id()), builder.build(source, encodings.get(i)));
    }
    searchers.maybeRefresh();
  }

  public void delete(String id) throws IOException {
    requireWritable();
    writer.deleteDocuments(new Term(M3Fields.ID, id));
    searchers.maybeRefresh();
  }

  /** Makes everything added so far durable; {@code userData} is stored with the commit. */
  public void commit(Map<String, String> userData) throws IOException {
    requireWritable();
    Map<String, String> data = new LinkedHashMap<>(userData);
    data.putAll(encoder.identity().toCommitData());
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
  }

  /** Drops everything since the last commit; the index is left as that commit holds it. */
  public void rollback() throws IOException {
    requireWritable();
    writer.rollback();
  }

  /** The user data of the last commit. */
  public Map<String, String> lastCommitData() throws IOException {
    return new HashMap<>(SegmentInfos.readLatestCommit(directory).getUserData());
  }

  /** Encodes {@code query} and searches. */
  public List<SearchHit> search(String query, SearchOptions options) throws IOException {
    return search(encodeQuery(query), options);
  }

  /** Searches with a query encoded by {@link #encodeQuery}. */
  public List<SearchHit> search(EncodedQuery query, SearchOptions options) throws IOException {
    searchers.maybeRefresh();
    IndexSearcher searcher = searchers.acquire();
    try {
      List<ScoredCandidate> ranked = new HybridSearcher(searcher).search(query, options);
      StoredFields stored = searcher.storedFields();
      List<SearchHit> hits = new ArrayList<>(ranked.size());
      for (ScoredCandidate c : ranked) {
        hits.add(toHit(hits.size() + 1, c, stored.document(c.doc())));
      }
      return hits;
    } finally {
      searchers.release(searcher);
    }
  }

  /**
   * The candidates of a hybrid search with the exact score of each leg, unfused: the union of the
   * first-stage legs, or every document (matching the filter) when {@code exhaustive}. For
   * evaluation: exact rankings per leg, and fusion sweeps over the same candidates.
   */
  public List<LegScoredDocument> scoreCandidates(EncodedQuery query, SearchOptions options, boolean exhaustive)
      throws IOException {
    searchers.maybeRefresh();
    IndexSearcher searcher = searchers.acquire();
    try {
      List<ScoredCandidate> scored = new HybridSearcher(searcher).scoreCandidates(query, options, exhaustive);
      StoredFields stored = searcher.storedFields();
      Set<String> idOnly = Set.of(M3Fields.ID);
      List<LegScoredDocument> out = new ArrayList<>(scored.size());
      for (ScoredCandidate c : scored) {
        out.add(new LegScoredDocument(stored.document(c.doc(), idOnly).get(M3Fields.ID), c.legs()));
      }
      return out;
    } finally {
      searchers.release(searcher);
    }
  }

  /** The three representations of a query, ready for {@link #search(EncodedQuery, SearchOptions)}. */
  public EncodedQuery encodeQuery(String query) throws IOException {
    TextEncoding encoding = encoder.encodeQuery(query);
    Query sparse;
    if (learnedSparse) {
      Map<String, Float> weights = new HashMap<>();
      encoding.sparseWeights().forEach((id, w) -> weights.put(Integer.toString(id), w));
      sparse = SparseQueries.learnedWeights(M3Fields.SPARSE, weights);
    } else {
      sparse = SparseQueries.lexical(M3Fields.SPARSE, LexicalAnalysis.termCounts(analyzer, M3Fields.SPARSE, query));
    }
    return new EncodedQuery(encoding.dense(), sparse, encoding.tokenVectors());
  }

  private static SearchHit toHit(int rank, ScoredCandidate candidate, Document doc) {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (IndexableField field : doc.getFields()) {
      if (field.name().startsWith(M3Fields.METADATA_PREFIX)) {
        metadata.put(field.name().substring(M3Fields.METADATA_PREFIX.length()), field.stringValue());
      }
    }
    String title = doc.get(M3Fields.TITLE);
    return new SearchHit(
        rank,
        doc.get(M3Fields.ID),
        candidate.score(),
        candidate.legs(),
        title == null ? "" : title,
        doc.get(M3Fields.TEXT),
        metadata);
  }

  /** Documents, bytes per leg and the model of this index. */
  public IndexInfo info() throws IOException {
    searchers.maybeRefresh();
    IndexSearcher searcher = searchers.acquire();
    try {
      return IndexInfo.of(
          directory, (DirectoryReader) searcher.getIndexReader(), encoder.identity(), lastCommitData());
    } finally {
      searchers.release(searcher);
    }
  }

  private void requireWritable() {
    if (writer == null) {
      throw new IllegalStateException("index " + path + " is open for reading only");
    }
  }

  @Override
  public void close() throws IOException {
    try {
      searchers.close();
      if (writer != null && writer.isOpen()) {
        writer.close();
      }
    } finally {
      directory.close();
    }
  }
}
