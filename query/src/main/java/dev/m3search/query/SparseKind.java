package dev.m3search.query;

/** What the sparse leg of an index holds, which decides how its scores fuse with the other legs. */
public enum SparseKind {
  /** The model's learned weights per token id (BGE-M3's sparse head): scores on the dense legs' scale. */
  LEARNED,
  /** Analysed words scored with BM25: unbounded scores on a scale of their own. */
  LEXICAL;

  /** {@code learned} or {@code lexical}, as commands print it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
