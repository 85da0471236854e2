package dev.m3search.query;

import dev.m3search.codecs.Leg;
import dev.m3search.codecs.LegFields;
import dev.m3search.codecs.lateinteraction.SegmentMaxSim;
import dev.m3search.codecs.vectors.ReproducibleDotProduct;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * Scores given documents exactly on every leg: the dense dot product from the stored vector, the
 * sparse query's score, and MaxSim on the stored token codes (quantised as the index stores them).
 * A document missing a leg scores 0 there. Segments are scored in parallel on the searcher's
 * executor, except for dense scores alone, which are scored on the caller's thread.
 */
public final class ExactLegScores {
  private ExactLegScores() {}

  /** Leg scores of {@code docs} (global doc ids in increasing order) in an embedded index, in that order. */
  public static LegScores[] score(IndexSearcher searcher, int[] docs, EncodedQuery query) throws IOException {
    return score(searcher, LegFields.EMBEDDED, docs, query);
  }

  /** Leg scores of {@code docs} (global doc ids in increasing order) on the legs in {@code fields}, in that order. */
  public static LegScores[] score(IndexSearcher searcher, LegFields fields, int[] docs, EncodedQuery query)
      throws IOException {
    return score(searcher, fields, docs, query, EnumSet.allOf(Leg.class));
  }

  /**
   * As {@link #score(IndexSearcher, LegFields, int[], EncodedQuery)}, on the legs in {@code legs}
   * only; the others score 0. A page of a single-leg search needs the two legs it was not ranked
   * by, and the sparse leg alone costs a weight over every query term.
   */
  public static LegScores[] score(IndexSearcher searcher, LegFields fields, int[] docs, EncodedQuery query, Set<Leg> legs)
      throws IOException {
    return score(searcher, fields, docs, query, legs, null, null);
  }

  /**
   * As {@link #score(IndexSearcher, LegFields, int[], EncodedQuery)}, but MaxSim by the first pass
   * of each segment that has one ({@link SegmentMaxSim#estimates}, the 2bit mode): {@code
   * estimated[i]} says whether document {@code i}'s ColBERT score is that estimate. Each segment's
   * scorer is kept in {@code scorers} (by leaf ord) for {@link #maxSim}.
   */
  static LegScores[] firstPass(IndexSearcher searcher, LegFields fields, int[] docs, EncodedQuery query, boolean[] estimated,
      SegmentMaxSim[] scorers) throws IOException {
    return score(searcher, fields, docs, query, EnumSet.allOf(Leg.class), estimated, scorers);
  }

  /** The legs' scores; MaxSim estimated where {@code estimated} is given, each segment's scorer kept where {@code scorers} is. */
  private static LegScores[] score(IndexSearcher searcher, LegFields fields, int[] docs, EncodedQuery query, Set<Leg> legs,
      boolean[] estimated, SegmentMaxSim[] scorers) throws IOException {
    LegScores[] scores = new LegScores[docs.length];
    Weight sparseWeight = docs.length == 0 || !legs.contains(Leg.SPARSE)
        ? null
        : searcher.createWeight(searcher.rewrite(query.sparse()), ScoreMode.COMPLETE, 1f);
    boolean dense = legs.contains(Leg.DENSE);
    boolean colbert = legs.contains(Leg.COLBERT);
    forEachLeaf(searcher, docs, true, (leaf, from, to) -> {
      SegmentMaxSim maxSim = colbert ? SegmentMaxSim.create(leaf.reader(), fields.tokenVectors(), query.tokenVectors()) : doc -> 0f;
      if (scorers != null) {
        scorers[leaf.ord] = maxSim;
      }
      scoreLeaf(leaf, fields, docs, from, to, query, dense, sparseWeight, maxSim, estimated, scores);
    });
    return scores;
  }

  /** The exact MaxSim of {@code docs} (global doc ids in increasing order) by the scorers a {@link #firstPass} kept. */
  static float[] maxSim(IndexSearcher searcher, int[] docs, SegmentMaxSim[] scorers) throws IOException {
    float[] scores = new float[docs.length];
    forEachLeaf(searcher, docs, true, (leaf, from, to) -> {
      for (int i = from; i < to; i++) {
        scores[i] = scorers[leaf.ord].score(docs[i] - leaf.docBase);
      }
    });
    return scores;
  }

  /**
   * The dense dot products of {@code docs} (global doc ids in increasing order), in that order, as
   * {@link #score} computes them: the score of the dense mode, whatever the HNSW search computed.
   */
  static float[] dense(IndexSearcher searcher, LegFields fields, int[] docs, float[] query) throws IOException {
    float[] scores = new float[docs.length];
    forEachLeaf(searcher, docs, false, (leaf, from, to) -> {
      FloatVectorValues vectors = leaf.reader().getFloatVectorValues(fields.dense());
      KnnVectorValues.DocIndexIterator vectorDocs = vectors == null ? null : vectors.iterator();
      for (int i = from; i < to; i++) {
        scores[i] = dense(vectors, vectorDocs, docs[i] - leaf.docBase, query);
      }
    });
    return scores;
  }

  /**
   * Which of {@code docs} (global doc ids in increasing order) a kNN search scored with the float
   * vectors themselves: those of a segment of float32 vectors, or all of them in a search rescored
   * with the float vectors. The others were scored on quantised codes.
   */
  static boolean[] scoredByFloats(IndexSearcher searcher, LegFields fields, int[] docs, boolean rescored) {
    boolean[] byFloats = new boolean[docs.length];
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int leaf = -1;
    boolean floats = false;
    for (int i = 0; i < docs.length; i++) {
      while (leaf < 0 || docs[i] >= leaves.get(leaf).docBase + leaves.get(leaf).reader().maxDoc()) {
        leaf++;
        floats = rescored || floatVectors(leaves.get(leaf), fields);
      }
      byFloats[i] = floats;
    }
    return byFloats;
  }

  /**
   * The dense dot products of {@code docs} (global doc ids in increasing order) that a kNN search
   * found with {@code knnScores}, in that order: recovered from Lucene's {@code (1 + dot) / 2}
   * where the search scored the float vectors ({@code scoredByFloats}, see {@link
   * #scoredByFloats}), which spares reading them again; computed as {@link #dense(IndexSearcher,
   * LegFields, int[], float[])} does where it scored quantised codes.
   */
  static float[] dense(IndexSearcher searcher, LegFields fields, int[] docs, float[] knnScores, boolean[] scoredByFloats,
      float[] query) throws IOException {
    float[] scores = new float[docs.length];
    int[] onCodes = new int[docs.length];
    int count = 0;
    for (int i = 0; i < docs.length; i++) {
      scores[i] = 2 * knnScores[i] - 1;
      if (!scoredByFloats[i]) {
        onCodes[count++] = i;
      }
    }
    int[] codeDocs = new int[count];
    for (int c = 0; c < count; c++) {
      codeDocs[c] = docs[onCodes[c]];
    }
    float[] exact = dense(searcher, fields, codeDocs, query);
    for (int c = 0; c < count; c++) {
      scores[onCodes[c]] = exact[c];
    }
    return scores;
  }

  /** The name of Lucene's float32 HNSW format, whose graph scores are the float vectors' own. */
  private static final String FLOAT_VECTORS = new Lucene99HnswVectorsFormat().getName();

  /** Whether a segment's dense field holds float32 vectors only, as its per-field format records. */
  private static boolean floatVectors(LeafReaderContext leaf, LegFields fields) {
    FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(fields.dense());
    return info == null || FLOAT_VECTORS.equals(info.getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY));
  }

  /** Work on positions {@code from} to {@code to} of the doc ids, which are all in {@code leaf}. */
  private interface LeafWork {
    void run(LeafReaderContext leaf, int from, int to) throws IOException;
  }

  /**
   * Runs {@code work} on each segment's part of {@code docs} (increasing), segments in parallel
   * when {@code parallel}: not for dot products, which cost less than handing a segment to another
   * thread.
   */
  private static void forEachLeaf(IndexSearcher searcher, int[] docs, boolean parallel, LeafWork work) throws IOException {
    if (docs.length == 0) {
      return;
    }
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    List<Callable<Void>> tasks = new ArrayList<>();
    int i = 0;
    while (i < docs.length) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
      int from = i;
      while (i < docs.length && docs[i] < leaf.docBase + leaf.reader().maxDoc()) {
        i++;
      }
      int to = i;
      tasks.add(() -> {
        work.run(leaf, from, to);
        return null;
      });
    }
    if (tasks.size() == 1 || !parallel) {
      for (Callable<Void> task : tasks) {
        runInline(task);
      }
    } else {
      searcher.getTaskExecutor().invokeAll(tasks);
    }
  }

  private static void runInline(Callable<Void> task) throws IOException {
    try {
      task.call();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private static void scoreLeaf(
      LeafReaderContext leaf, LegFields fields, int[] docs, int from, int to, EncodedQuery query, boolean denseLeg,
      Weight sparseWeight, SegmentMaxSim maxSim, boolean[] estimated, LegScores[] out)
      throws IOException {
    FloatVectorValues vectors = denseLeg ? leaf.reader().getFloatVectorValues(fields.dense()) : null;
    KnnVectorValues.DocIndexIterator vectorDocs = vectors == null ? null : vectors.iterator();
    Scorer sparse = sparseWeight == null ? null : sparseWeight.scorer(leaf);
    DocIdSetIterator sparseDocs = sparse == null ? null : sparse.iterator();
    boolean estimate = estimated != null && maxSim.estimates();
    for (int i = from; i < to; i++) {
      int doc = docs[i] - leaf.docBase;
      float dense = dense(vectors, vectorDocs, doc, query.dense());
      float sparseScore = sparseDocs != null && advance(sparseDocs, doc) ? sparse.score() : 0f;
      out[i] = new LegScores(dense, sparseScore, estimate ? maxSim.estimate(doc) : maxSim.score(doc));
      if (estimate) {
        estimated[i] = true;
      }
    }
  }

  private static float dense(FloatVectorValues vectors, KnnVectorValues.DocIndexIterator vectorDocs, int doc, float[] query)
      throws IOException {
    if (vectorDocs == null || !advance(vectorDocs, doc)) {
      return 0;
    }
    return ReproducibleDotProduct.dotProduct(query, vectors.vectorValue(vectorDocs.index()));
  }

  private static boolean advance(DocIdSetIterator it, int target) throws IOException {
    int current = it.docID();
    if (current < target) {
      current = it.advance(target);
    }
    return current == target;
  }
}
