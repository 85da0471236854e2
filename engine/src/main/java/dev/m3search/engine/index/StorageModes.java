package dev.m3search.engine.index;

import dev.m3search.codecs.DenseVectorMode;
import dev.m3search.codecs.M3Fields;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;

/**
 * How an index stores its vectors: the dense leg's HNSW mode and the token vectors' mode. Both
 * configure the codec's formats; a writer records them with each commit, so an index reopened for
 * writing keeps the modes it was built with unless {@link IndexConfig#storage()} asks for others
 * (later segments then use those, and merges rewrite older segments in them). Each segment records
 * the token mode it holds, and is read in it.
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
   * The modes the index at {@code path} holds, or null when there is no index. The token mode is
   * read from the segments: the mode most of their token vectors are stored in ({@link
   * IndexInfo.TokenStorage#tokensByMode()} has each mode's share; m3search 0.1's token vectors are
   * float32). The dense mode is the last commit's. What the index does not show (no token vectors
   * yet, no recorded dense mode) is what {@link M3Index} writes: the commit's modes, else {@link
   * #defaults()}.
   */
  public static StorageModes stored(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return null;
    }
    try (FSDirectory directory = FSDirectory.open(path)) {
      if (!DirectoryReader.indexExists(directory)) {
        return null;
      }
      StorageModes recorded = fromCommitData(SegmentInfos.readLatestCommit(directory).getUserData());
      StorageModes modes = recorded != null ? recorded : defaults();
      Map<String, Long> tokensByMode = new TreeMap<>();
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        for (LeafReaderContext leaf : reader.leaves()) {
          IndexInfo.countTokens(leaf.reader().getBinaryDocValues(M3Fields.COLBERT), tokensByMode);
        }
      }
      return tokensByMode.entrySet().stream()
          .max(Map.Entry.comparingByValue())
          .map(held -> modes.withTokens(TokenVectorMode.parse(held.getKey())))
          .orElse(modes);
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
