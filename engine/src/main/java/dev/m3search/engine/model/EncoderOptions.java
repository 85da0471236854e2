package dev.m3search.engine.model;

/**
 * How the encoder runs.
 *
 * @param batchSize most texts per ONNX run (texts are sorted by length first, so padding stays small)
 * @param batchTokens most padded tokens per ONNX run (rows × the longest row): bounds the memory a
 *     batch takes, so a model with a long maximum cannot run out of memory on a batch of long texts
 * @param threads ONNX Runtime intra-op threads
 */
public record EncoderOptions(int batchSize, int batchTokens, int threads) {
  public static final int DEFAULT_BATCH_SIZE = 32;
  /** 32 texts of 512 tokens: the batches the default model was measured with, whatever the model's maximum. */
  public static final int DEFAULT_BATCH_TOKENS = 16_384;

  public EncoderOptions {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (batchTokens < 1) {
      throw new IllegalArgumentException("batch tokens must be at least 1, got " + batchTokens);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  /** {@code batchSize} texts and {@code threads} threads, with the default token budget. */
  public EncoderOptions(int batchSize, int threads) {
    this(batchSize, DEFAULT_BATCH_TOKENS, threads);
  }

  /** Batches of 32 texts and at most 16,384 tokens, every core. */
  public static EncoderOptions defaults() {
    return new EncoderOptions(DEFAULT_BATCH_SIZE, DEFAULT_BATCH_TOKENS, Runtime.getRuntime().availableProcessors());
  }
}
