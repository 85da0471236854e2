package dev.m3search.engine.index;

import dev.m3search.codecs.DenseVectorMode;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;

/**
 * How an index stores its vectors: the dense leg's HNSW mode and the token vectors' mode. Both are
 * stored with each commit, so an index reopened for writing keeps the modes it was built with
 * unless {@link IndexConfig#storage()} asks for others (later segments then use those, and merges
 * rewrite older segments in them).
 */
public record StorageModes(DenseVectorMode dense, TokenVectorMode tokens) {
  static final String DENSE_KEY = "m3.storage.dense";
  static final String TOKENS_KEY = "m3.storage.tokens";

  /**
   * float32 dense vectors (5.7% of a float32 index at 384 dimensions, and exact) and 2-bit token
   * vectors (1/13.7 of float32, ColBERTv2's default width): chosen by {@code bench
   * --compare-lucene} on msmarco-5k, see the README.
   */
  public static StorageModes defaults() {
    return new StorageModes(DenseVectorMode.FLOAT32, TokenVectorMode.BIT2);
  }

  public StorageModes withDense(DenseVectorMode mode) {
    return new StorageModes(mode, tokens);
  }

  public StorageModes withTokens(TokenVectorMode mode) {
    return new StorageModes(dense, mode);
  }

  Map<String, String> toCommitData() {
    return Map.of(DENSE_KEY, dense.label(), TOKENS_KEY, tokens.label());
  }

  /**
   * The modes of the index at {@code path}: its last commit's, the float32 modes of m3search 0.1 for
   * an index that recorded none, or null when there is no index.
   */
  public static StorageModes stored(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return null;
    }
    try (FSDirectory directory = FSDirectory.open(path)) {
      if (!DirectoryReader.indexExists(directory)) {
        return null;
      }
      StorageModes modes =
          fromCommitData(SegmentInfos.readLatestCommit(directory).getUserData());
      return modes != null ? modes : new StorageModes(DenseVectorMode.FLOAT32, TokenVectorMode.FLOAT32);
    }
  }

  /** The modes a commit names, or null for a commit written before modes were recorded. */
  public static StorageModes fromCommitData(Map<String, String> data) {
    String dense = data.get(DENSE_KEY);
    String tokens = data.get(TOKENS_KEY);
    if (dense == null || tokens == null) {
      return null;
    }
    return new StorageModes(DenseVectorMode.parse(dense), TokenVectorMode.parse(tokens));
  }
}
