package dev.m3search.engine.index;

import dev.m3search.engine.analysis.LexicalLanguage;
import java.time.Duration;

/**
 * How an {@link M3Index} writes and when its searches see changes.
 *
 * @param maxStaleness when not null, a background thread makes changes visible to search at most
 *     this long after they were made (Lucene's {@code ControlledRealTimeReopenThread}; on a
 *     read-only index, the last commit is looked for at this interval). When null, changes become
 *     visible only on {@link M3Index#refresh()} and {@link M3Index#commit}.
 * @param ramBufferMB Lucene flushes a segment when the documents buffered in memory take this much;
 *     token vectors are large, so the default is high enough that small adds never flush
 * @param storage how vectors are stored; null keeps the modes of an existing index, and gives a new
 *     one {@link StorageModes#defaults()}
 * @param searchThreads threads a search may use: the dense and sparse legs run concurrently, and
 *     segments are searched and rescored in parallel; 1 searches on the caller's thread only
 * @param language the lexical leg's analysis; null keeps an existing index's, and gives a new one
 *     {@link LexicalLanguage#ENGLISH}. An existing index refuses another.
 */
public record IndexConfig(
    Duration maxStaleness, double ramBufferMB, StorageModes storage, int searchThreads, LexicalLanguage language) {
  public static final double DEFAULT_RAM_BUFFER_MB = 256;
  /** One search thread per core, at most 8. */
  public static final int DEFAULT_SEARCH_THREADS = Math.min(8, Runtime.getRuntime().availableProcessors());

  public IndexConfig {
    if (maxStaleness != null && (maxStaleness.isNegative() || maxStaleness.isZero())) {
      throw new IllegalArgumentException("maxStaleness must be positive, got " + maxStaleness);
    }
    if (!(ramBufferMB > 0)) {
      throw new IllegalArgumentException("ramBufferMB must be positive, got " + ramBufferMB);
    }
    if (searchThreads < 1) {
      throw new IllegalArgumentException("searchThreads must be at least 1, got " + searchThreads);
    }
  }

  /** Explicit refresh only, 256 MB of buffered documents per flush, {@link #DEFAULT_SEARCH_THREADS}. */
  public static IndexConfig defaults() {
    return new IndexConfig(null, DEFAULT_RAM_BUFFER_MB, null, DEFAULT_SEARCH_THREADS, null);
  }

  public IndexConfig withMaxStaleness(Duration staleness) {
    return new IndexConfig(staleness, ramBufferMB, storage, searchThreads, language);
  }

  public IndexConfig withRamBufferMB(double mb) {
    return new IndexConfig(maxStaleness, mb, storage, searchThreads, language);
  }

  public IndexConfig withStorage(StorageModes modes) {
    return new IndexConfig(maxStaleness, ramBufferMB, modes, searchThreads, language);
  }

  public IndexConfig withSearchThreads(int threads) {
    return new IndexConfig(maxStaleness, ramBufferMB, storage, threads, language);
  }

  public IndexConfig withLanguage(LexicalLanguage newLanguage) {
    return new IndexConfig(maxStaleness, ramBufferMB, storage, searchThreads, newLanguage);
  }
}
