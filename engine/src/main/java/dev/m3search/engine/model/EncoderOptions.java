package dev.m3search.engine.model;

/**
 * How the encoder runs.
 *
 * @param batchSize texts per ONNX run (texts are sorted by length first, so padding stays small)
 * @param threads ONNX Runtime intra-op threads
 */
public record EncoderOptions(int batchSize, int threads) {
  public static final int DEFAULT_BATCH_SIZE = 32;

  public EncoderOptions {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  /** Batches of 32, every core. */
  public static EncoderOptions defaults() {
    return new EncoderOptions(DEFAULT_BATCH_SIZE, Runtime.getRuntime().availableProcessors());
  }
}
