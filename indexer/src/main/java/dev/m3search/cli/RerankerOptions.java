package dev.m3search.cli;

import dev.m3search.engine.index.HitReranker;
import dev.m3search.engine.model.CrossEncoder;
import dev.m3search.engine.model.RerankOptions;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options that choose and run a cross-encoder reranker. */
final class RerankerOptions {
  /** Cross-encoders cost one model run per pair; on a CPU the top 20 keeps a query under a few seconds with bge-reranker-v2-m3. */
  static final int DEFAULT_TOP = 20;

  @Option(
      names = "--rerank",
      paramLabel = "DIR",
      description = "Rerank the top hits with the cross-encoder in this folder (model.onnx or onnx/model.onnx, tokenizer.json).")
  Path folder;

  @Option(names = "--rerank-top", paramLabel = "N", description = "How many of the first hits to rerank (default: ${DEFAULT-VALUE}).")
  int top = DEFAULT_TOP;

  @Option(names = "--rerank-max-length", paramLabel = "N", description = "Most tokens of a query-passage pair (default: ${DEFAULT-VALUE}).")
  int maxLength = RerankOptions.DEFAULT_MAX_LENGTH;

  @Option(names = "--rerank-batch", paramLabel = "N", description = "Most pairs per ONNX run (default: ${DEFAULT-VALUE}).")
  int batch = RerankOptions.DEFAULT_BATCH_SIZE;

  @Option(names = "--rerank-sigmoid", description = "Report the sigmoid of the reranker's logit (a 0-1 score; the order is the same).")
  boolean sigmoid;

  /** The reranker, or null without {@code --rerank}; the caller closes its cross-encoder. */
  CrossEncoder open() throws IOException {
    if (folder == null) {
      return null;
    }
    return CrossEncoder.open(folder, RerankOptions.defaults().withMaxLength(maxLength).withBatchSize(batch).withSigmoid(sigmoid));
  }

  HitReranker reranker(CrossEncoder crossEncoder) {
    return crossEncoder == null ? null : new HitReranker(crossEncoder, top);
  }
}
