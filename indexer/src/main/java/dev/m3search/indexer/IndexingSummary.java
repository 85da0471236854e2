package dev.m3search.indexer;

/**
 * What an indexing run did.
 *
 * @param documents documents added or replaced
 * @param duplicates lines whose {@code _id} appeared earlier in the same input (the later wins)
 * @param skipped bad lines passed over ({@link ErrorPolicy#SKIP})
 * @param truncated texts cut to the model's maximum length
 * @param encodeNanos time in the model
 * @param writeNanos time building documents, adding them and committing
 * @param totalNanos wall time of the run
 */
public record IndexingSummary(
    long documents,
    long duplicates,
    long skipped,
    long truncated,
    long encodeNanos,
    long writeNanos,
    long totalNanos) {

  /** Index writing as a share of encoding time. */
  public double writeToEncodeRatio() {
    return encodeNanos == 0 ? 0 : (double) writeNanos / encodeNanos;
  }

  public double documentsPerSecond() {
    return totalNanos == 0 ? 0 : documents * 1e9 / totalNanos;
  }
}
