package dev.m3search.indexer;

/**
 * What an indexing run did.
 *
 * @param documents documents added or replaced
 * @param emptyDocuments documents among them with no title and no text (indexed like the rest)
 * @param skipped bad lines passed over ({@link ErrorPolicy#SKIP})
 * @param truncated texts cut to the model's maximum length
 * @param encodeNanos time in the model (on the encoding thread)
 * @param writeNanos time building and adding documents (on the writing thread, alongside encoding) and committing
 * @param waitNanos time encoding waited for writing and committing (the writing that did not overlap encoding)
 * @param totalNanos wall time of the run
 */
public record IndexingSummary(
    long documents,
    long emptyDocuments,
    long skipped,
    long truncated,
    long encodeNanos,
    long writeNanos,
    long waitNanos,
    long totalNanos) {

  /** Index writing as a share of encoding time. */
  public double writeToEncodeRatio() {
    return encodeNanos == 0 ? 0 : (double) writeNanos / encodeNanos;
  }

  public double documentsPerSecond() {
    return totalNanos == 0 ? 0 : documents * 1e9 / totalNanos;
  }
}
