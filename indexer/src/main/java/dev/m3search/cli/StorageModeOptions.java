package dev.m3search.cli;

import dev.m3search.codecs.DenseVectorMode;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.engine.index.StorageModes;
import picocli.CommandLine.Option;

/** {@code --dense-mode} and {@code --colbert-mode}: a leg not named keeps the mode it already has. */
final class StorageModeOptions {
  @Option(names = "--dense-mode", paramLabel = "MODE", description = "How the dense HNSW graph stores vectors: float32, int8, int4, 2bit or 1bit (default: as now).")
  String denseMode;

  @Option(names = "--colbert-mode", paramLabel = "MODE", description = "How token vectors are stored: float32, int8, int4, 2bit or 1bit (default: as now).")
  String colbertMode;

  boolean given() {
    return denseMode != null || colbertMode != null;
  }

  /** {@code current} with the named legs' modes replaced. */
  StorageModes over(StorageModes current) {
    return new StorageModes(
        denseMode == null ? current.dense() : DenseVectorMode.parse(denseMode),
        colbertMode == null ? current.tokens() : TokenVectorMode.parse(colbertMode));
  }
}
