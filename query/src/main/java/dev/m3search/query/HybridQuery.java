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
 * <p>It does its work in {@link #rewrite}, as Lucene's kNN queries do:
 *
 * <ul>
 *   <li>{@link SearchMode#DENSE} and {@link SearchMode#SPARSE} rewrite to the leg's own query (the
 *       kNN query, or the sparse disjunction, with the filter inside), so a single-leg search costs
 *       what the Lucene query costs;
 *   <li>{@link SearchMode#HYBRID} and {@link SearchMode#COLBERT} retrieve the top {@code depth} of
 *       the dense and the sparse legs concurrently on the searcher's executor, score their union
 *       exactly on every leg (MaxSim on the stored codes, segments in parallel), fuse, and rewrite
 *       to a {@link FusedDocsQuery} of the union with the fused scores, whose explanation gives
 *       each leg's score and part.
 * </ul>
 *
 * <p>With {@code exact}, every document passing the filter is scored on every leg, each leg's top
 * {@code depth} is taken from those exact scores, and the same fusion is applied to their union:
 * the ceiling the approximate search is measured against.
 *
 * <p>A rewritten query belongs to the reader it was rewritten on.
 */
public final class HybridQuery extends Query {
  private final LegFields fields;
  private final EncodedQuery query;
  private final SearchMode mode;
  private final Fusion fusion;
  private final int depth;
  private final Query filter;
  private final int denseOversample;
  private final boolean exact;

  /**
   * @param depth documents each first-stage leg retrieves (and ColBERT keeps in its list)
   * @param filter documents must match it; null for none
   * @param denseOversample for quantised dense vectors: the graph search collects this many times
   *     the depth and exact dot products of the float vectors keep the best (1 for float32)
   */
  public HybridQuery(
      EncodedQuery query, SearchMode mode, Fusion fusion, int depth, Query filter, int denseOversample, boolean exact) {
    this(LegFields.EMBEDDED, query, mode, fusion, depth, filter, denseOversample, exact);
  }

  /**
   * A query on the legs in {@code fields} (those of an embedded index are {@link
   * LegFields#EMBEDDED}); {@code query}'s sparse query must be on {@code fields.sparse()}.
   */
  public HybridQuery(
      LegFields fields,
      EncodedQuery query,
      SearchMode mode,
      Fusion fusion,
      int depth,
      Query filter,
      int denseOversample,
      boolean exact) {
    this.fields = Objects.requireNonNull(fields, "fields");
    if (depth < 1 || denseOversample < 1) {
      throw new IllegalArgumentException("depth and denseOversample must be at least 1");
    }
    this.query = Objects.requireNonNull(query, "query");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.fusion = Objects.requireNonNull(fusion, "fusion");
    this.depth = depth;
    this.filter = filter;
    this.denseOversample = denseOversample;
    this.exact = exact;
  }

  /** The query {@code options} describe: its mode, fusion, filter and depth. */
  public static HybridQuery of(EncodedQuery query, SearchOptions options, int denseOversample, boolean exact) {
    return new HybridQuery(query, options.mode(), options.fusion(), options.depth(), options.filter(), denseOversample, exact);
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    if (!exact && mode == SearchMode.DENSE) {
      return denseQuery();
    }
    if (!exact && mode == SearchMode.SPARSE) {
      return sparseQuery();
    }
    CandidateRetrieval retrieval = new CandidateRetrieval(searcher, fields, query, depth, filter, this);
    return exact ? retrieval.exhaustive(mode, fusion) : retrieval.retrieve(mode, fusion);
  }

  /** The dense leg: HNSW search of the top {@code depth}, rescored with float vectors when quantised. */
  Query denseQuery() {
    if (denseOversample <= 1) {
      return new KnnFloatVectorQuery(fields.dense(), query.dense(), depth, filter);
    }
    Query graph = new KnnFloatVectorQuery(fields.dense(), query.dense(), depth * denseOversample, filter);
    return RescoreTopNQuery.createFullPrecisionRescorerQuery(graph, query.dense(), fields.dense(), depth);
  }

  /**
   * The sparse leg with the filter inside, for Lucene's MaxScore top list. Learned weights could
   * take {@link LearnedSparseQuery#topK} (block-max pruning) instead, which is faster on one
   * segment but slower on a segmented index: at 100,000 documents in 10 segments, hybrid p50 was
   * 4.96 ms with it against 3.30 ms with this (README, "Storage: the codec").
   */
  Query sparseQuery() {
    if (filter == null) {
      return query.sparse();
    }
    return new BooleanQuery.Builder().add(query.sparse(), Occur.MUST).add(filter, Occur.FILTER).build();
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    return "HybridQuery(" + mode.name().toLowerCase(java.util.Locale.ROOT) + ", " + fusion.describe() + ", depth " + depth
        + (filter == null ? "" : ", filter " + filter) + (exact ? ", exact" : "") + ")";
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
