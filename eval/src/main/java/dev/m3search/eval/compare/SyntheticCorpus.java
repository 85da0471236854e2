package dev.m3search.eval.compare;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.lucene.util.VectorUtil;

/**
 * Generated documents that look like a model's output: token vectors of unit length clustered
 * around 256 directions (a document's tokens favour a few of them), a dense vector that is the
 * normalised mean of the tokens, and sparse weights over a Zipf-distributed vocabulary (see {@link
 * SparseWeights}). Each document is generated from its own seed, so nothing has to be held in
 * memory. Queries are generated once and kept: a timed search must not include drawing its query (a
 * 12-token query is 4,600 Gaussian draws, a large part of a 2bit MaxSim over 200 candidates).
 */
final class SyntheticCorpus implements ComparisonCorpus {
  /** How a generated sparse weight relates to the frequency of its term. */
  enum SparseWeights {
    /**
     * Falling with the term's frequency, as a learned model's weights do: BGE-M3 gives function
     * words 0.04–0.08 and content tokens 0.13–0.34 (FlagEmbedding's README: "What is BGE M3?" gives
     * 'is' 0.081, '?' 0.041, 'GE' 0.252, '3' 0.270). The mean runs linearly in log-rank from 0.05
     * (the most frequent term) to 0.30 (the rarest), times log-normal noise (σ = 0.25).
     */
    FALLING_WITH_FREQUENCY,
    /**
     * Log-normal around 0.3 (σ = 0.7) whatever the term: head terms weigh as much as rare ones, the
     * worst case for block-max pruning.
     */
    INDEPENDENT
  }

  private static final int CLUSTERS = 256;
  private static final int VOCABULARY = 30_000;
  private final int size;
  private final int dimension;
  private final int queries;
  private final long seed;
  private final SparseWeights sparseWeights;
  /** Tokens of every document, or 0 for 16 to 48 drawn per document. */
  private final int documentTokens;
  private final float[][] centres;
  private final float[][][] queryTokens;
  private final float[][] queryDense;

  SyntheticCorpus(int size, int dimension, int queries, long seed, SparseWeights sparseWeights) {
    this(size, dimension, queries, seed, sparseWeights, 0);
  }

  /** @param documentTokens tokens of every document, or 0 for 16 to 48 drawn per document */
  SyntheticCorpus(int size, int dimension, int queries, long seed, SparseWeights sparseWeights, int documentTokens) {
    if (documentTokens < 0) {
      throw new IllegalArgumentException("tokens per document must not be negative, got " + documentTokens);
    }
    this.documentTokens = documentTokens;
    this.size = size;
    this.sparseWeights = sparseWeights;
    this.dimension = dimension;
    this.queries = queries;
    this.seed = seed;
    Random random = new Random(seed);
    centres = new float[CLUSTERS][dimension];
    for (float[] c : centres) {
      for (int i = 0; i < dimension; i++) {
        c[i] = (float) random.nextGaussian();
      }
      VectorUtil.l2normalize(c);
    }
    queryTokens = new float[queries][][];
    queryDense = new float[queries][];
    for (int q = 0; q < queries; q++) {
      Random r = random(2, q);
      queryTokens[q] = tokens(r, 8 + r.nextInt(9));
      queryDense[q] = mean(queryTokens[q]);
    }
  }

  @Override
  public String name() {
    return String.format("synthetic %,d documents, %d dimensions", size, dimension);
  }

  SparseWeights sparseWeights() {
    return sparseWeights;
  }

  /** The same documents and queries with sparse weights drawn the other way. */
  SyntheticCorpus withSparseWeights(SparseWeights weights) {
    return new SyntheticCorpus(size, dimension, queries, seed, weights, documentTokens);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int queryCount() {
    return queries;
  }

  private Random random(long stream, int index) {
    return new Random(seed * 1_000_003L + stream * 7_919L + index);
  }

  @Override
  public float[][] tokens(int doc) {
    Random r = random(1, doc);
    return tokens(r, documentTokens > 0 ? documentTokens : 16 + r.nextInt(33));
  }

  @Override
  public float[][] queryTokens(int query) {
    return queryTokens[query];
  }

  private float[][] tokens(Random r, int count) {
    int[] topics = {r.nextInt(CLUSTERS), r.nextInt(CLUSTERS), r.nextInt(CLUSTERS)};
    float noise = 0.8f / (float) Math.sqrt(dimension);
    float[][] tokens = new float[count][dimension];
    for (float[] t : tokens) {
      float[] c = centres[r.nextInt(4) == 0 ? r.nextInt(CLUSTERS) : topics[r.nextInt(topics.length)]];
      for (int i = 0; i < dimension; i++) {
        t[i] = c[i] + noise * (float) r.nextGaussian();
      }
      VectorUtil.l2normalize(t);
    }
    return tokens;
  }

  @Override
  public float[] dense(int doc) {
    return mean(tokens(doc));
  }

  @Override
  public float[] queryDense(int query) {
    return queryDense[query];
  }

  /** The dense vector of a document with these tokens: their normalised mean. */
  float[] mean(float[][] tokens) {
    float[] mean = new float[dimension];
    for (float[] t : tokens) {
      VectorUtil.add(mean, t);
    }
    return VectorUtil.l2normalize(mean);
  }

  @Override
  public Map<String, Float> sparse(int doc) {
    Random r = random(3, doc);
    return weights(r, 20 + r.nextInt(41), sparseWeights);
  }

  @Override
  public Map<String, Float> querySparse(int query) {
    Random r = random(4, query);
    return weights(r, 4 + r.nextInt(7), sparseWeights);
  }

  /** Term ids (their frequency ranks) drawn from a Zipf(1) vocabulary, weighted as {@code how} says. */
  private static Map<String, Float> weights(Random r, int count, SparseWeights how) {
    Map<String, Float> weights = new TreeMap<>();
    // rank + 1 log-uniform on [1, V + 1): P(rank) falls as 1 / (rank + 1). (Drawing on a wider
    // range and clamping to the last rank made that rank a head term of 5% of the draws.)
    double logRange = Math.log(VOCABULARY + 1.0);
    while (weights.size() < count) {
      int term = Math.min(VOCABULARY - 1, (int) Math.floor(Math.exp(r.nextDouble() * logRange)) - 1);
      double weight =
          switch (how) {
            case FALLING_WITH_FREQUENCY ->
                (0.05 + 0.25 * Math.log1p(term) / Math.log(VOCABULARY)) * Math.exp(0.25 * r.nextGaussian());
            case INDEPENDENT -> 0.3 * Math.exp(0.7 * r.nextGaussian());
          };
      weights.put(Integer.toString(term), (float) weight);
    }
    return weights;
  }
}
