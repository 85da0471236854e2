package dev.m3search.engine.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.util.VectorUtil;

/**
 * BGE-M3's two heads on {@code DOCS} texts of 256 tokens at 1,024 dimensions: {@link HeadsGraph}
 * in ONNX Runtime (what m3search runs) against the same products in Java, output by output with
 * Lucene's vectorised {@link VectorUtil#dotProduct} over a text's states. Not a test; run after
 * {@code mvn -pl engine -am test-compile} with
 *
 * <pre>
 * java --add-modules jdk.incubator.vector \
 *   -cp engine/target/classes:engine/target/test-classes:$(cat indexer/target/m3search.classpath) \
 *   dev.m3search.engine.model.HeadsBenchmark DOCS THREADS
 * </pre>
 */
public final class HeadsBenchmark {
  private static final int DIMENSION = 1024;
  private static final int TOKENS = 256;

  public static void main(String[] args) throws Exception {
    int docs = Integer.parseInt(args[0]);
    int threads = Integer.parseInt(args[1]);
    Random random = new Random(1);
    ModelHeads heads = new ModelHeads(randomHead(random, DIMENSION), randomHead(random, 1));
    float[] states = new float[TOKENS * DIMENSION];
    for (int i = 0; i < states.length; i++) {
      states[i] = (float) random.nextGaussian();
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      try (OrtSession session = env.createSession(HeadsGraph.of(heads), options)) {
        for (int round = 1; round <= 3; round++) {
          long t0 = System.nanoTime();
          double sink = 0;
          for (int d = 0; d < docs; d++) {
            sink += java(heads.colbert(), states)[0][0] + java(heads.sparse(), states)[0][0];
          }
          long t1 = System.nanoTime();
          for (int d = 0; d < docs; d++) {
            try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(states), new long[] {TOKENS, DIMENSION});
                OrtSession.Result result = session.run(Map.of(HeadsGraph.STATES, x))) {
              sink += ((OnnxTensor) result.get(HeadsGraph.COLBERT).orElseThrow()).getFloatBuffer().get(0);
            }
          }
          long t2 = System.nanoTime();
          System.out.printf(
              "round %d: %d texts of %d tokens at %d dimensions: Java (one thread) %.2f s, ONNX Runtime (%d threads) %.2f s%s%n",
              round, docs, TOKENS, DIMENSION, (t1 - t0) / 1e9, threads, (t2 - t1) / 1e9, Double.isNaN(sink) ? " (NaN)" : "");
        }
      }
    }
  }

  /** The head on every state of the text, output by output, so each weight row is read once. */
  private static float[][] java(LinearHead head, float[] states) {
    float[][] x = new float[TOKENS][];
    for (int t = 0; t < TOKENS; t++) {
      x[t] = java.util.Arrays.copyOfRange(states, t * DIMENSION, (t + 1) * DIMENSION);
    }
    float[][] y = new float[TOKENS][head.outputs()];
    for (int o = 0; o < head.outputs(); o++) {
      for (int t = 0; t < TOKENS; t++) {
        y[t][o] = VectorUtil.dotProduct(head.weight()[o], x[t]) + head.bias()[o];
      }
    }
    return y;
  }

  private static LinearHead randomHead(Random random, int outputs) {
    float[][] weight = new float[outputs][DIMENSION];
    for (float[] row : weight) {
      for (int i = 0; i < DIMENSION; i++) {
        row[i] = (float) random.nextGaussian() * 0.03f;
      }
    }
    float[] bias = new float[outputs];
    return new LinearHead(weight, bias);
  }
}
