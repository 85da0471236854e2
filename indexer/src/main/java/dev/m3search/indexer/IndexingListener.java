package dev.m3search.indexer;

/** What an indexing run tells as it goes. */
public interface IndexingListener {
  /** A line was reported: skipped, replaced an earlier one, or truncated. */
  void warn(String message);

  /** {@code documents} documents of this run are in the index; {@code line} was read last. */
  void progress(long documents, long line);

  /** A commit made the first {@code documents} documents of this run durable. */
  void committed(long documents, long line);
}
