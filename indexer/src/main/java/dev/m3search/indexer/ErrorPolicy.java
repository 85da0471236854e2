package dev.m3search.indexer;

/** What a bad input line does to an indexing run. */
public enum ErrorPolicy {
  /** Stop at the first bad line, keeping the index at its last commit. */
  FAIL,
  /** Report the line, pass over it and go on. */
  SKIP
}
