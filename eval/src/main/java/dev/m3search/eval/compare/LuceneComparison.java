package dev.m3search.eval.compare;

import dev.m3search.codecs.DenseVectorMode;
import dev.m3search.codecs.LegFields;
import dev.m3search.codecs.M3FieldFormats;
import dev.m3search.codecs.M3Fields;
import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.codecs.lateinteraction.SegmentMaxSim;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.codecs.lateinteraction.TokenVectorsField;
import dev.m3search.engine.index.StorageModes;
import dev.m3search.eval.bench.LatencyStats;
import dev.m3search.eval.bench.LatencyStats.QueryRun;
import dev.m3search.eval.compare.SyntheticCorpus.SparseWeights;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.EstimateError;
import dev.m3search.query.Fusion;
import dev.m3search.query.HybridQuery;
import dev.m3search.query.LearnedSparseQuery;
import dev.m3search.query.SparseQueries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LateInteractionField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.LateInteractionRescorer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.VectorUtil;

/**
 * {@code bench --compare-lucene}: the same vectors indexed with m3search's formats and with
 * Lucene's stock fields, measured in one run. Documents are added in order without merges, so a
 * corpus document's number is its doc id in every index built here.
 */
public final class LuceneComparison {
  /** The measurements a comparison can make; each builds its own indexes. */
  public enum Part {
    /** ColBERT MaxSim over the same candidates: each token-vector mode against LateInteractionRescorer. */
    MAXSIM,
    /** Dense kNN per mode against exact float search and stock float32 HNSW. */
    DENSE,
    /** Sparse top 10 with block-max pruning against exhaustive scoring. */
    SPARSE,
    /** The search pipeline: single legs against the bare Lucene query, hybrid and ColBERT p50/p99. */
    PIPELINE,
    /**
     * The default hybrid search through {@code M3Index.search} against the stock Lucene pipeline
     * (kNN + lexical top lists, LateInteractionRescorer): on an index only.
     */
    HYBRID
  }

  static final int CANDIDATES = 200;
  /** Candidates per first-stage leg in the pipeline comparison: the engine's default. */
  private static final int PIPELINE_DEPTH = dev.m3search.query.SearchOptions.DEFAULT_CANDIDATES;
  private static final int K = 10;
  private final Path work;
  private final int repeat;
  private final Set<Part> parts;
  private final Consumer<String> out;

  /**
   * @param work an empty folder for the indexes built here (deleted afterwards)
   * @param repeat runs of each query per measurement; each query's latency is its median
   * @param parts the measurements to make
   */
  public LuceneComparison(Path work, int repeat, Set<Part> parts, Consumer<String> out) {
    this.work = work;
    this.repeat = repeat;
    this.parts = EnumSet.copyOf(parts);
    this.out = out;
  }

  /**
   * Compares on the vectors of an existing index and queries its model encoded; then the search
   * pipeline ({@code HybridQuery} with {@code fusion}) on the index itself.
   */
  public void compareOnIndex(Path index, DirectoryReader reader, List<EncodedQuery> queries, Fusion fusion)
      throws IOException {
    String name = index.toString();
    ComparisonCorpus corpus = new IndexCorpus(name, reader, queries, parts.contains(Part.MAXSIM));
    compare(corpus);
    IndexSearcher searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
    if (parts.contains(Part.SPARSE)) {
      sparse("the index's own sparse leg", searcher, queries.stream().map(q -> q.sparse()).toList(), null);
    }
    if (parts.contains(Part.PIPELINE)) {
      new PipelineComparison(PIPELINE_DEPTH, repeat, out).compare(name, searcher, queries, fusion);
    }
    if (parts.contains(Part.HYBRID)) {
      new StockPipelineComparison(repeat, out).compare(index, work, queries);
    }
  }

  /**
   * Compares on {@code size} generated documents: sparse on an index of the sparse leg alone, once
   * for each way of drawing the weights; the pipeline on one index of all three legs in the default
   * storage modes, searched with {@code fusion}.
   */
  public void compareOnSynthetic(int size, int dimension, int queries, Fusion fusion) throws IOException {
    SyntheticCorpus corpus = new SyntheticCorpus(size, dimension, queries, 42, SparseWeights.FALLING_WITH_FREQUENCY);
    compare(corpus);
    if (parts.contains(Part.SPARSE)) {
      sparseOnly(corpus, "learned weights falling with term frequency");
      sparseOnly(corpus.withSparseWeights(SparseWeights.INDEPENDENT), "weights independent of term frequency (worst case)");
    }
    if (parts.contains(Part.PIPELINE)) {
      pipeline(corpus, fusion);
    }
  }

  private void pipeline(SyntheticCorpus corpus, Fusion fusion) throws IOException {
    Path dir = work.resolve("all-legs");
    StorageModes modes = StorageModes.defaults();
    try (Directory directory = FSDirectory.open(dir)) {
      build(directory, new M3Lucene104Codec(new M3FieldFormats(modes.dense(), modes.tokens())), corpus, (doc, d) ->
          LegFields.EMBEDDED.fields(corpus.dense(d), corpus.sparse(d), corpus.tokens(d)).forEach(doc::add));
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null);
        List<EncodedQuery> encoded = new ArrayList<>();
        for (int q = 0; q < corpus.queryCount(); q++) {
          Query sparse = SparseQueries.learnedWeights(M3Fields.SPARSE, corpus.querySparse(q));
          encoded.add(new EncodedQuery(corpus.queryDense(q), sparse, corpus.queryTokens(q)));
        }
        new PipelineComparison(PIPELINE_DEPTH, repeat, out).compare(corpus.name(), searcher, encoded, fusion);
      }
    } finally {
      IOUtils.rm(dir);
    }
  }

  /** Sparse pruning on an index of the sparse leg alone (FeatureField impacts, with block maxima). */
  private void sparseOnly(SyntheticCorpus corpus, String name) throws IOException {
    Path dir = work.resolve("sparse-" + corpus.sparseWeights().name().toLowerCase(Locale.ROOT));
    try (Directory directory = FSDirectory.open(dir)) {
      build(directory, new M3Lucene104Codec(M3FieldFormats.defaults().withBlockMaxSparse(true)), corpus, (doc, d) ->
          corpus.sparse(d).forEach((term, weight) -> doc.add(new FeatureField(M3Fields.SPARSE, term, weight))));
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null);
        List<Query> queries = IntStream.range(0, corpus.queryCount())
            .<Query>mapToObj(q -> SparseQueries.learnedWeights(M3Fields.SPARSE, corpus.querySparse(q))).toList();
        sparse(name + ", " + reader.leaves().size() + " segment(s)", searcher, queries, corpus);
      }
    } finally {
      IOUtils.rm(dir);
    }
  }

  private void compare(ComparisonCorpus corpus) throws IOException {
    out.accept("");
    out.accept("## " + corpus.name() + ", " + corpus.queryCount() + " queries");
    if (parts.contains(Part.MAXSIM) == false && parts.contains(Part.DENSE) == false) {
      return;
    }
    int[][] candidates = exactDenseTop(corpus, CANDIDATES);
    if (parts.contains(Part.MAXSIM)) {
      maxSim(corpus, candidates);
    }
    if (parts.contains(Part.DENSE)) {
      dense(corpus, candidates);
    }
  }

  /** The exact dense top {@code n} of every query, by brute force: MaxSim candidates and the recall reference. */
  private static int[][] exactDenseTop(ComparisonCorpus corpus, int n) {
    float[][] vectors = new float[corpus.size()][];
    for (int d = 0; d < vectors.length; d++) {
      vectors[d] = corpus.dense(d);
    }
    return IntStream.range(0, corpus.queryCount())
        .parallel()
        .mapToObj(q -> {
          float[] query = corpus.queryDense(q);
          float[] scores = new float[vectors.length];
          for (int d = 0; d < vectors.length; d++) {
            scores[d] = VectorUtil.dotProduct(query, vectors[d]);
          }
          return IntStream.range(0, vectors.length).boxed()
              .sorted((a, b) -> Float.compare(scores[b], scores[a]))
              .limit(n).mapToInt(Integer::intValue).toArray();
        })
        .toArray(int[][]::new);
  }

  private interface DocumentFiller {
    void fill(Document doc, int corpusDoc) throws IOException;
  }

  private static void build(Directory directory, Codec codec, ComparisonCorpus corpus, DocumentFiller filler)
      throws IOException {
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(codec)
            .setUseCompoundFile(false)
            .setMergePolicy(NoMergePolicy.INSTANCE)
            .setRAMBufferSizeMB(512);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int d = 0; d < corpus.size(); d++) {
        Document doc = new Document();
        filler.fill(doc, d);
        writer.addDocument(doc);
      }
      writer.commit();
    }
  }

  private static long bytes(Directory directory) throws IOException {
    long total = 0;
    for (String file : directory.listAll()) {
      total += directory.fileLength(file);
    }
    return total;
  }

  /** MaxSim over the same candidates: m3search's codes (default and smallest mode) against LateInteractionRescorer. */
  private void maxSim(ComparisonCorpus corpus, int[][] candidates) throws IOException {
    long tokens = 0;
    for (int d = 0; d < corpus.size(); d++) {
      tokens += corpus.tokens(d).length;
    }
    out.accept("");
    out.accept("### ColBERT MaxSim over the same " + CANDIDATES + " candidates (exact dense top " + CANDIDATES + ")");
    out.accept(String.format("%,d documents, %,d tokens", corpus.size(), tokens));
    out.accept("");
    out.accept("| storage | bytes/token (field files) | MaxSim p50 ms | p99 ms | speed-up vs Lucene |");
    out.accept("|---|---:|---:|---:|---:|");
    Path stockDir = work.resolve("stock-colbert");
    try (Directory stock = FSDirectory.open(stockDir)) {
      build(stock, new Lucene104Codec(), corpus, (doc, d) -> doc.add(new LateInteractionField(M3Fields.COLBERT, corpus.tokens(d))));
      double stockBytes = bytes(stock) / (double) tokens;
      try (DirectoryReader reader = DirectoryReader.open(stock)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        LatencyStats baseline = time(corpus, q -> {
          TopDocs first = topDocs(candidates[q]);
          LateInteractionRescorer.create(M3Fields.COLBERT, corpus.queryTokens(q), VectorSimilarityFunction.DOT_PRODUCT)
              .rescore(searcher, first, CANDIDATES);
        });
        out.accept(String.format("| Lucene LateInteractionField + LateInteractionRescorer (float32) | %.1f | %.3f | %.3f | 1.0 |",
            stockBytes, baseline.p50Ms(), baseline.p99Ms()));
        for (TokenVectorMode mode : TokenVectorMode.values()) {
          Path dir = work.resolve("m3-" + mode.label());
          try (Directory ours = FSDirectory.open(dir)) {
            build(ours, new M3Lucene104Codec(M3FieldFormats.defaults().withTokenMode(mode)), corpus,
                (doc, d) -> doc.add(new TokenVectorsField(M3Fields.COLBERT, corpus.tokens(d))));
            double ourBytes = bytes(ours) / (double) tokens;
            try (DirectoryReader ourReader = DirectoryReader.open(ours)) {
              LatencyStats stats = time(corpus, q -> scoreOnCodes(ourReader, candidates[q], corpus.queryTokens(q)));
              out.accept(String.format("| m3search %s | %.2f | %.3f | %.3f | %.1f |",
                  mode.label(), ourBytes, stats.p50Ms(), stats.p99Ms(), baseline.p50Ms() / stats.p50Ms()));
              if (mode == TokenVectorMode.BIT2) {
                firstPassRow(corpus, candidates, ourReader, ourBytes, baseline);
              }
            }
          } finally {
            IOUtils.rm(dir);
          }
        }
      }
    } finally {
      IOUtils.rm(stockDir);
    }
  }

  /**
   * The 2bit mode as a fused search scores it: the first pass over all candidates, then exact MaxSim
   * for the best {@link HybridQuery#exactlyScored} of the default depth and those that may still
   * reach the top, whose top {@link #K} is the answer; and how often that top {@code K} is the
   * exact one.
   */
  private void firstPassRow(ComparisonCorpus corpus, int[][] candidates, DirectoryReader reader, double bytes,
      LatencyStats baseline) throws IOException {
    int exactly = HybridQuery.exactlyScored(PIPELINE_DEPTH);
    LatencyStats stats = time(corpus, q -> topOnCodes(reader, candidates[q], corpus.queryTokens(q), exactly));
    double found = 0;
    int same = 0;
    for (int q = 0; q < corpus.queryCount(); q++) {
      int[] docs = candidates[q].clone();
      Arrays.sort(docs);
      float[] exact = scoreOnCodes(reader, docs, corpus.queryTokens(q));
      Set<Integer> best = new HashSet<>();
      for (int i : highest(exact, K)) {
        best.add(docs[i]);
      }
      Set<Integer> twoStage = new HashSet<>();
      for (int doc : topOnCodes(reader, candidates[q], corpus.queryTokens(q), exactly)) {
        twoStage.add(doc);
      }
      int overlap = (int) twoStage.stream().filter(best::contains).count();
      found += overlap / (double) best.size();
      same += overlap == best.size() ? 1 : 0;
    }
    out.accept(String.format(Locale.ROOT,
        "| m3search 2bit, first pass + exact best %d and those that may reach the top (top %d: %.1f%% of the exact top %d, equal for %d of %d queries) | %.2f | %.3f | %.3f | %.1f |",
        exactly, K, 100 * found / corpus.queryCount(), K, same, corpus.queryCount(), bytes, stats.p50Ms(), stats.p99Ms(),
        baseline.p50Ms() / stats.p50Ms()));
  }

  /**
   * The top {@link #K} of the candidates by MaxSim on the codes, as a fused search finds it: the
   * first pass's estimate of every candidate, then exact scores for the best {@code exactly} and
   * for those that could still reach the top at the largest error seen ({@link EstimateError}).
   */
  static int[] topOnCodes(DirectoryReader reader, int[] candidates, float[][] query, int exactly) throws IOException {
    int[] docs = candidates.clone();
    Arrays.sort(docs);
    float[] estimates = new float[docs.length];
    List<LeafReaderContext> leaves = reader.leaves();
    SegmentMaxSim[] scorers = new SegmentMaxSim[leaves.size()];
    for (int i = 0; i < docs.length; i++) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
      if (scorers[leaf.ord] == null) {
        scorers[leaf.ord] = SegmentMaxSim.create(leaf.reader(), M3Fields.COLBERT, query);
      }
      estimates[i] = scorers[leaf.ord].estimate(docs[i] - leaf.docBase);
    }
    float[] scores = estimates.clone();
    boolean[] estimated = new boolean[docs.length];
    Arrays.fill(estimated, true);
    EstimateError.settle(IntStream.of(highest(estimates, exactly)).sorted().toArray(), estimated, (batch, error) -> {
      for (int i : batch) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
        scores[i] = scorers[leaf.ord].score(docs[i] - leaf.docBase); // the same scorer: the query is quantised once
        error.add(scores[i], estimates[i]);
      }
    }, shift -> {
      float[] atWorst = scores.clone();
      for (int i = 0; i < docs.length; i++) {
        atWorst[i] += estimated[i] ? (float) shift : 0;
      }
      return atWorst;
    });
    for (int i = 0; i < docs.length; i++) {
      scores[i] = estimated[i] ? Float.NEGATIVE_INFINITY : scores[i]; // estimates rank below every exact score
    }
    return IntStream.of(highest(scores, K)).map(i -> docs[i]).toArray();
  }

  /** The positions of the {@code n} highest scores, best first, in one primitive sort. */
  private static int[] highest(float[] scores, int n) {
    long[] keys = new long[scores.length];
    for (int i = 0; i < scores.length; i++) {
      int bits = Float.floatToIntBits(scores[i]);
      keys[i] = ((long) ~(bits ^ ((bits >> 31) & 0x7fffffff)) << 32) | i; // descending scores
    }
    Arrays.sort(keys);
    int[] positions = new int[Math.min(n, keys.length)];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = (int) keys[i];
    }
    return positions;
  }

  private static TopDocs topDocs(int[] docs) {
    ScoreDoc[] hits = new ScoreDoc[docs.length];
    for (int i = 0; i < docs.length; i++) {
      hits[i] = new ScoreDoc(docs[i], 1f);
    }
    return new TopDocs(new TotalHits(docs.length, TotalHits.Relation.EQUAL_TO), hits);
  }

  /** What m3search's rescoring does for a candidate set: per segment, a scorer on the codes. */
  static float[] scoreOnCodes(DirectoryReader reader, int[] candidates, float[][] query) throws IOException {
    int[] docs = candidates.clone();
    Arrays.sort(docs);
    float[] scores = new float[docs.length];
    List<LeafReaderContext> leaves = reader.leaves();
    int i = 0;
    while (i < docs.length) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
      SegmentMaxSim scorer = SegmentMaxSim.create(leaf.reader(), M3Fields.COLBERT, query);
      int end = leaf.docBase + leaf.reader().maxDoc();
      for (; i < docs.length && docs[i] < end; i++) {
        scores[i] = scorer.score(docs[i] - leaf.docBase);
      }
    }
    return scores;
  }

  /** Dense per mode: recall@10 against exact float search, bytes per vector, p50 — and stock float32 HNSW. */
  private void dense(ComparisonCorpus corpus, int[][] exact) throws IOException {
    out.accept("");
    out.accept("### Dense kNN, k = " + K + " (recall@" + K + " against exact float search)");
    out.accept("");
    out.accept("| format | bytes/vector (all files) | code bytes/vector | recall@10 | p50 ms | p99 ms |");
    out.accept("|---|---:|---:|---:|---:|---:|");
    int dimension = corpus.dense(0).length;
    for (DenseVectorMode mode : DenseVectorMode.values()) {
      Path dir = work.resolve("dense-" + mode.label());
      try (Directory directory = FSDirectory.open(dir)) {
        build(directory, new M3Lucene104Codec(M3FieldFormats.defaults().withDenseMode(mode)), corpus,
            (doc, d) -> doc.add(new KnnFloatVectorField(M3Fields.DENSE, corpus.dense(d), VectorSimilarityFunction.DOT_PRODUCT)));
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
          IndexSearcher searcher = new IndexSearcher(reader);
          searcher.setQueryCache(null);
          double[] recall = new double[1];
          LatencyStats stats = time(corpus, q -> searcher.search(denseQuery(mode, corpus.queryDense(q)), K));
          for (int q = 0; q < corpus.queryCount(); q++) {
            Query query = denseQuery(mode, corpus.queryDense(q));
            Set<Integer> truth = new HashSet<>();
            for (int i = 0; i < K; i++) {
              truth.add(exact[q][i]);
            }
            for (ScoreDoc hit : searcher.search(query, K).scoreDocs) {
              recall[0] += truth.contains(hit.doc) ? 1 : 0;
            }
          }
          String label = mode == DenseVectorMode.FLOAT32
              ? "float32 HNSW (Lucene's stock Lucene99HnswVectorsFormat)"
              : mode.label() + " HNSW (Lucene104HnswScalarQuantizedVectorsFormat), "
                  + (mode.oversample() > 1 ? "float rescoring of " + mode.oversample() + "×k" : "no rescoring");
          out.accept(String.format("| %s | %.0f | %d | %.3f | %.3f | %.3f |",
              label, bytes(directory) / (double) corpus.size(), mode.codeBytes(dimension),
              recall[0] / (K * corpus.queryCount()), stats.p50Ms(), stats.p99Ms()));
        }
      } finally {
        IOUtils.rm(dir);
      }
    }
  }

  /** What the dense leg runs in {@code mode}: the graph search, and float rescoring of an oversampled top. */
  private static Query denseQuery(DenseVectorMode mode, float[] target) {
    Query graph = new KnnFloatVectorQuery(M3Fields.DENSE, target, K * mode.oversample());
    return mode.oversample() > 1
        ? RescoreTopNQuery.createFullPrecisionRescorerQuery(graph, target, M3Fields.DENSE, K)
        : graph;
  }

  /**
   * Sparse: the top 10 with pruning against exhaustive scoring of the same stored impacts — Lucene's
   * MaxScore over its per-128-postings impacts, and, for learned weights, m3search's block-max
   * pruning over per-16-document maxima; with the float weights at hand, also FeatureField's 9-bit
   * weights against exact float scoring.
   */
  private void sparse(String name, IndexSearcher searcher, List<Query> queries, ComparisonCorpus floats)
      throws IOException {
    out.accept("");
    out.accept("### Sparse, " + name + ": top " + K + " pruned against exhaustive scoring");
    List<Query> blockMax = queries.stream()
        .map(q -> q instanceof LearnedSparseQuery learned ? learned.topK(K, null) : null).toList();
    boolean learned = blockMax.stream().allMatch(Objects::nonNull);
    List<QueryRun> runs = new ArrayList<>();
    runs.add(q -> searcher.search(queries.get(q), new TopScoreDocCollectorManager(K, Integer.MAX_VALUE)));
    runs.add(q -> searcher.search(queries.get(q), K));
    if (learned) {
      runs.add(q -> searcher.search(blockMax.get(q), K));
    }
    int[] identical = new int[runs.size()];
    for (int q = 0; q < queries.size(); q++) {
      TopDocs exhaustive = searcher.search(queries.get(q), new TopScoreDocCollectorManager(K, Integer.MAX_VALUE));
      identical[1] += sameHits(searcher.search(queries.get(q), K), exhaustive) ? 1 : 0;
      if (learned) {
        identical[2] += sameHits(searcher.search(blockMax.get(q), K), exhaustive) ? 1 : 0;
      }
    }
    LatencyStats[] timed = timeAlternately(queries.size(), runs);
    double exhaustive = timed[0].p50Ms();
    out.accept("");
    out.accept("| search | top-10 identical to exhaustive | p50 ms | speed-up over exhaustive |");
    out.accept("|---|---:|---:|---:|");
    out.accept(String.format("| exhaustive (every matching document scored) | — | %.3f | 1.0 |", exhaustive));
    out.accept(String.format("| Lucene MaxScore (BooleanQuery over impacts) | %d of %d | %.3f | %.1f |",
        identical[1], queries.size(), timed[1].p50Ms(), exhaustive / timed[1].p50Ms()));
    if (learned) {
      out.accept(String.format("| m3search block-max pruning (16-document blocks) | %d of %d | %.3f | %.1f |",
          identical[2], queries.size(), timed[2].p50Ms(), exhaustive / timed[2].p50Ms()));
    }
    if (floats != null) {
      featurePrecision(searcher, queries, floats);
    }
  }

  /** FeatureField keeps 9 significant bits of a weight: does that change the top 10 of float scoring? */
  private void featurePrecision(IndexSearcher searcher, List<Query> queries, ComparisonCorpus corpus) throws IOException {
    List<Map<String, Float>> docs = new ArrayList<>(corpus.size());
    for (int d = 0; d < corpus.size(); d++) {
      docs.add(corpus.sparse(d));
    }
    double overlap = 0;
    int identical = 0;
    for (int q = 0; q < queries.size(); q++) {
      Map<String, Float> query = corpus.querySparse(q);
      float[] scores = new float[docs.size()];
      for (int d = 0; d < scores.length; d++) {
        float s = 0;
        for (Map.Entry<String, Float> e : query.entrySet()) {
          s += e.getValue() * docs.get(d).getOrDefault(e.getKey(), 0f);
        }
        scores[d] = s;
      }
      int[] floatTop = IntStream.range(0, scores.length).boxed().filter(d -> scores[d] > 0)
          .sorted((a, b) -> Float.compare(scores[b], scores[a])).limit(K).mapToInt(Integer::intValue).toArray();
      int[] indexTop = Arrays.stream(searcher.search(queries.get(q), K).scoreDocs).mapToInt(h -> h.doc).toArray();
      Set<Integer> truth = new HashSet<>();
      Arrays.stream(floatTop).forEach(truth::add);
      overlap += Arrays.stream(indexTop).filter(truth::contains).count() / (double) Math.max(1, floatTop.length);
      if (Arrays.equals(floatTop, indexTop)) {
        identical++;
      }
    }
    out.accept("");
    out.accept(String.format(
        "FeatureField (9 significant bits) against float weights, exact scoring: top-10 overlap %.4f, same order on %d of %d queries",
        overlap / queries.size(), identical, queries.size()));
  }

  private static boolean sameHits(TopDocs a, TopDocs b) {
    if (a.scoreDocs.length != b.scoreDocs.length) {
      return false;
    }
    for (int i = 0; i < a.scoreDocs.length; i++) {
      if (a.scoreDocs[i].doc != b.scoreDocs[i].doc || a.scoreDocs[i].score != b.scoreDocs[i].score) {
        return false;
      }
    }
    return true;
  }

  private LatencyStats time(ComparisonCorpus corpus, QueryRun run) throws IOException {
    return time(corpus.queryCount(), run);
  }

  /**
   * Times searches of the same queries (exhaustive and pruned searches share Lucene's code): warmed
   * up and measured alternately, query by query, so all run in the same state of the JVM (compiled
   * code, heap) and none profits from another's warm-up.
   */
  private LatencyStats[] timeAlternately(int queries, List<QueryRun> runs) throws IOException {
    LatencyStats.warmUp(queries, Math.max(500, queries), runs.size() * LatencyStats.WARM_UP_MILLIS, q -> {
      for (QueryRun run : runs) {
        run.run(q);
      }
    });
    long[][] latencies = new long[runs.size()][queries];
    for (int q = 0; q < queries; q++) {
      int query = q;
      for (int r = 0; r < runs.size(); r++) {
        QueryRun run = runs.get(r);
        latencies[r][q] = LatencyStats.medianNanos(repeat, () -> run.run(query));
      }
    }
    LatencyStats[] stats = new LatencyStats[runs.size()];
    for (int r = 0; r < runs.size(); r++) {
      stats[r] = LatencyStats.of(latencies[r], 0);
    }
    return stats;
  }

  /** Warms up (every query, at least 500 runs and {@value LatencyStats#WARM_UP_MILLIS} ms in all), then times each query {@code repeat} times; a query's latency is its median. */
  private LatencyStats time(int queries, QueryRun run) throws IOException {
    LatencyStats.warmUp(queries, Math.max(500, queries), LatencyStats.WARM_UP_MILLIS, run);
    long[] latencies = new long[queries];
    long[] runs = new long[repeat];
    long wall = System.nanoTime();
    for (int q = 0; q < queries; q++) {
      for (int r = 0; r < repeat; r++) {
        long start = System.nanoTime();
        run.run(q);
        runs[r] = System.nanoTime() - start;
      }
      Arrays.sort(runs);
      latencies[q] = runs[repeat / 2];
    }
    return LatencyStats.of(latencies, (System.nanoTime() - wall) / repeat);
  }

  /** A new empty folder under {@code parent} for the indexes a comparison builds. */
  public static Path workFolder(Path parent) throws IOException {
    return Files.createTempDirectory(Files.createDirectories(parent), "compare-lucene-");
  }
}
