package dev.m3search.engine.model;

/**
 * How a {@link CrossEncoder} scores.
 *
 * @param maxLength most tokens of a query–passage pair; longer pairs lose tokens from the longer
 *     side first (the tokenizer's {@code longest_first})
 * @param batchSize most pairs per ONNX run (pairs are sorted by length first, so padding stays small)
 * @param sigmoid report {@code 1 / (1 + e^-logit)} instead of the logit (the order is the same)
 * @param threads ONNX Runtime intra-op threads
 */
public record RerankOptions(int maxLength, int batchSize, boolean sigmoid, int threads) {
  /** bge-reranker-v2-m3 and the MiniLM cross-encoders were trained on pairs of at most 512 tokens. */
  public static final int DEFAULT_MAX_LENGTH = 512;
  public static final int DEFAULT_BATCH_SIZE = 16;

  public RerankOptions {
    if (maxLength < 4) {
      throw new IllegalArgumentException("the reranker's maximum length must be at least 4 tokens, got " + maxLength);
    }
    if (batchSize < 1 || threads < 1) {
      throw new IllegalArgumentException("batch size and threads must be at least 1");
    }
  }

  /** 512 tokens, 16 pairs per run, logits, every core. */
  public static RerankOptions defaults() {
    return new RerankOptions(DEFAULT_MAX_LENGTH, DEFAULT_BATCH_SIZE, false, Runtime.getRuntime().availableProcessors());
  }

  public RerankOptions withMaxLength(int tokens) {
    return new RerankOptions(tokens, batchSize, sigmoid, threads);
  }

  public RerankOptions withBatchSize(int pairs) {
    return new RerankOptions(maxLength, pairs, sigmoid, threads);
  }

  public RerankOptions withSigmoid(boolean on) {
    return new RerankOptions(maxLength, batchSize, on, threads);
  }
}
