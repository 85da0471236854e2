package dev.m3search.codecs;

/** Names of the fields m3search writes into every document. */
public final class M3Fields {
  /** Unique document id (indexed keyword, stored). */
  public static final String ID = "id";
  /** Stored title. */
  public static final String TITLE = "title";
  /** Stored passage text. */
  public static final String TEXT = "text";
  /** Dense vector leg. */
  public static final String DENSE = "dense";
  /** Sparse (lexical or learned) leg. */
  public static final String SPARSE = "sparse";
  /** Multi-vector (ColBERT) leg. */
  public static final String COLBERT = "colbert";
  /** Stored JSON of a document's user metadata, as given (the indexed fields are {@link #metadata}). */
  public static final String METADATA_JSON = "metadata";
  /** Prefix of user metadata fields, so a metadata key can never shadow one of ours. */
  public static final String METADATA_PREFIX = "meta.";

  private M3Fields() {}

  /** The Lucene field that holds the user metadata key {@code key}. */
  public static String metadata(String key) {
    return METADATA_PREFIX + key;
  }
}
