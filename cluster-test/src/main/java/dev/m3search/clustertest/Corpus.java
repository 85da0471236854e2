package dev.m3search.clustertest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Generated representations, as a BGE-M3-style model gives them: unit dense and token vectors drawn
 * around a few topics (so documents and queries share directions), sparse weights over a small
 * vocabulary.
 */
public final class Corpus {
  public static final int DIMENSION = 32;
  private static final int TOPICS = 8;
  private static final int VOCABULARY = 60;
  private final Random random;
  private final float[][] topics;

  /** One text's representations. */
  public record Item(float[] dense, Map<String, Float> sparse, float[][] colbert) {
    public Map<String, Object> json() {
      return Map.of("dense", dense, "sparse", sparse, "colbert", colbert);
    }

    /** The same text as a model without token vectors gives it: dense and sparse only. */
    public Item withoutTokenVectors() {
      return new Item(dense, sparse, new float[0][]);
    }

    /** The JSON of {@link #withoutTokenVectors}: no {@code colbert} key. */
    public Map<String, Object> twoLegJson() {
      return Map.of("dense", dense, "sparse", sparse);
    }
  }

  public Corpus(long seed) {
    this.random = new Random(seed);
    this.topics = new float[TOPICS][];
    for (int t = 0; t < TOPICS; t++) {
      topics[t] = unit(gaussian(1f));
    }
  }

  public Item next() {
    int topic = random.nextInt(TOPICS);
    float[][] tokens = new float[4 + random.nextInt(12)][];
    for (int j = 0; j < tokens.length; j++) {
      tokens[j] = around(topics[random.nextBoolean() ? topic : random.nextInt(TOPICS)], 0.6f);
    }
    Map<String, Float> sparse = new LinkedHashMap<>();
    for (int i = 0; i < 3 + random.nextInt(10); i++) {
      int term = topic * 5 + random.nextInt(VOCABULARY - topic * 5);
      sparse.put("t" + term, 0.05f + random.nextFloat() * 0.4f);
    }
    return new Item(around(topics[topic], 0.5f), sparse, tokens);
  }

  private float[] around(float[] center, float spread) {
    float[] noise = gaussian(spread / (float) Math.sqrt(DIMENSION));
    for (int i = 0; i < DIMENSION; i++) {
      noise[i] += center[i];
    }
    return unit(noise);
  }

  private float[] gaussian(float scale) {
    float[] v = new float[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      v[i] = (float) random.nextGaussian() * scale;
    }
    return v;
  }

  private static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float inverse = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inverse;
    }
    return v;
  }
}
