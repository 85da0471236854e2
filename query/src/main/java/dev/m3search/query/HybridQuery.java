package dev.m3search.query;

import dev.m3search.codecs.LegFields;
import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.RescoreTopNQuery;

/**
 * The m3search query: an {@link IndexSearcher} runs it like any other Lucene query (collectors,
 * pagination with {@code from}/{@code size} or {@code searchAfter}, {@code explain}, the searcher's
 * timeout on the kNN leg).
 *
 * <p>It is defined by what to retrieve: its mode, fusion, candidate depth and filter. It does its
 * work in {@link #rewrite}, as Lucene's kNN queries do, and rewrites to the documents it ranks with
 * their scores, so it answers the same whatever a collector asks of it: the top {@code n} of any
 * {@code n} is the first {@code n} of one ranking. Its {@code window} says how many of the ranking's
 * best it answers (a page's {@code from + k}; all of them unless given): a sparse search collects
 * only those, which is what makes it as fast as Lucene's own top {@code k}; a collector asking for
 * more gets the window.
 *
 * <ul>
 *   <li>{@link SearchMode#DENSE} and {@link SearchMode#SPARSE} retrieve the leg's top {@code depth}
 *       with the leg's own Lucene query (the kNN query, with float rescoring of an oversampled top
 *       for a quantised dense field; the sparse disjunction; the filter inside) and score them with
 *       the leg's score: the dense dot product, not Lucene's {@code (1 + dot) / 2};
 *   <li>{@link SearchMode#HYBRID} and {@link SearchMode#COLBERT} retrieve the top {@code depth} of
 *       the dense and the sparse legs concurrently on the searcher's executor, score their union
 *       on every leg (MaxSim on the stored codes, segments in parallel), and fuse, into a
 *       {@link FusedDocsQuery} whose explanation gives each leg's score and part. Where the codes
 *       have a first pass (2bit) and the union holds more than {@link #exactlyScored} documents,
 *       MaxSim is first estimated for all of them; the {@link #exactlyScored} best by the mode's
 *       score on the estimates get their exact MaxSim, and so does any other that could still
 *       reach the first page at the largest error seen ({@link EstimateError}); the others rank
 *       below them on the estimate (shifted onto the exact scores' scale). {@code -Dm3search.firstPass=false} scores
 *       the whole union exactly.
 * </ul>
 *
 * <p>Equal scores are ordered by the legs (ColBERT, dense, sparse; in the single-leg modes dense,
 * then ColBERT), and the scores carry that order
 * to the collector (see {@link Ranking}): only documents equal on every leg are ordered by doc id.
 *
 * <p>A rewritten query belongs to the reader it was rewritten on.
 */
public final class HybridQuery extends Query {
  private final LegFields fields;
  private final EncodedQuery query;
  private final SearchMode mode;
  private final Fusion fusion;
  private final int depth;
  private final int window;
  private final Query filter;
  private final int denseOversample;

  /**
   * @param depth documents each first-stage leg retrieves (and ColBERT keeps in its list)
   * @param filter documents must match it; null for none
   * @param denseOversample for quantised dense vectors: the graph search collects this many times
   *     the depth and exact dot products of the float vectors keep the best (1 for float32); the
   *     index's own is {@code DenseVectorMode.oversample()} of its storage, which {@code
   *     IndexSnapshot.query} passes
   */
  public HybridQuery(EncodedQuery query, SearchMode mode, Fusion fusion, int depth, Query filter, int denseOversample) {
    this(LegFields.EMBEDDED, query, mode, fusion, depth, filter, denseOversample);
  }

  /**
   * A query on the legs in {@code fields} (those of an embedded index are {@link
   * LegFields#EMBEDDED}); {@code query}'s sparse query must be on {@code fields.sparse()}.
   */
  public HybridQuery(
      LegFields fields, EncodedQuery query, SearchMode mode, Fusion fusion, int depth, Query filter, int denseOversample) {
    this(fields, query, mode, fusion, depth, Integer.MAX_VALUE, filter, denseOversample);
  }

  /**
   * A query that answers the first {@code window} documents of its ranking (see the class
   * documentation); the ranking itself does not depend on {@code window}.
   */
  public HybridQuery(
      LegFields fields, EncodedQuery query, SearchMode mode, Fusion fusion, int depth, int window, Query filter,
      int denseOversample) {
    this.fields = Objects.requireNonNull(fields, "fields");
    if (depth < 1 || window < 1 || denseOversample < 1) {
      throw new IllegalArgumentException("depth, window and denseOversample must be at least 1");
    }
    this.window = window;
    this.query = Objects.requireNonNull(query, "query");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.fusion = Objects.requireNonNull(fusion, "fusion");
    this.depth = depth;
    this.filter = filter;
    this.denseOversample = denseOversample;
  }

  /**
   * The query {@code options} describe: its mode, fusion, filter and candidates, answering the
   * first {@code from + k} (the page itself is the collector's).
   */
  public static HybridQuery of(EncodedQuery query, SearchOptions options, int denseOversample) {
    return new HybridQuery(LegFields.EMBEDDED, query, options.mode(), options.fusion(), options.candidates(), options.end(),
        options.filter(), denseOversample);
  }

  /**
   * How many candidates of a fused search of {@code depth} candidates a leg get their exact MaxSim
   * after the first pass over all of them (where the token codes have one, the 2bit mode), at
   * least: those whose estimate could still reach the first page are scored exactly too ({@link
   * EstimateError}); the rest rank below them on the estimate.
   */
  public static int exactlyScored(int depth) {
    return CandidateRetrieval.exactlyScored(depth);
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    CandidateRetrieval retrieval = new CandidateRetrieval(searcher, fields, query, depth, window, this);
    return switch (mode) {
      case DENSE, SPARSE -> retrieval.singleLeg(mode);
      case HYBRID, COLBERT -> retrieval.fused(mode, fusion);
    };
  }

  /** The dense leg: HNSW search of the top {@code depth}, rescored with float vectors when quantised. */
  Query denseQuery() {
    if (denseOversample <= 1) {
      return new KnnTopDocsQuery(fields.dense(), query.dense(), depth, filter);
    }
    Query graph = new KnnFloatVectorQuery(fields.dense(), query.dense(), depth * denseOversample, filter);
    return RescoreTopNQuery.createFullPrecisionRescorerQuery(graph, query.dense(), fields.dense(), depth);
  }

  /** Whether the dense leg's scores are the float vectors' (rescored), not the graph codes'. */
  boolean denseRescored() {
    return denseOversample > 1;
  }

  /**
   * The sparse leg, {@code sparse} (this query's, perhaps with its term states bound), with the
   * filter inside, for Lucene's MaxScore top list. Learned weights could take {@link
   * LearnedSparseQuery#topK} (block-max pruning) instead, which is faster on one
   * segment but slower on a segmented index: at 100,000 documents in 10 segments, hybrid p50 was
   * 4.96 ms with it against 3.30 ms with this (README, "Storage: the codec").
   */
  Query sparseQuery(Query sparse) {
    if (filter == null) {
      return sparse;
    }
    return new BooleanQuery.Builder().add(sparse, Occur.MUST).add(filter, Occur.FILTER).build();
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    return "HybridQuery(" + mode.name().toLowerCase(java.util.Locale.ROOT) + ", " + fusion.describe() + ", depth " + depth
        + (window == Integer.MAX_VALUE ? "" : ", window " + window) + (filter == null ? "" : ", filter " + filter) + ")";
  }

  /** Queries hold float arrays; two are equal only when they are the same object. */
  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
