package dev.m3search.engine.index;

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
 */
public record IndexConfig(Duration maxStaleness, double ramBufferMB, StorageModes storage) {
  public static final double DEFAULT_RAM_BUFFER_MB = 256;

  public IndexConfig {
    if (maxStaleness != null && (maxStaleness.isNegative() || maxStaleness.isZero())) {
      throw new IllegalArgumentException("maxStaleness must be positive, got " + maxStaleness);
    }
    if (!(ramBufferMB > 0)) {
      throw new IllegalArgumentException("ramBufferMB must be positive, got " + ramBufferMB);
    }
  }

  /** Explicit refresh only, 256 MB of buffered documents per flush. */
  public static IndexConfig defaults() {
    return new IndexConfig(null, DEFAULT_RAM_BUFFER_MB, null);
  }

  public IndexConfig withMaxStaleness(Duration staleness) {
    return new IndexConfig(staleness, ramBufferMB, storage);
  }

  public IndexConfig withRamBufferMB(double mb) {
    return new IndexConfig(maxStaleness, mb, storage);
  }

  public IndexConfig withStorage(StorageModes modes) {
    return new IndexConfig(maxStaleness, ramBufferMB, modes);
  }
}
