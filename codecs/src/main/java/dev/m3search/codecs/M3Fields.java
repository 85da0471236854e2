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
  /**
   * Stored JSON of a document's user metadata, as given (indexed in {@link #metadata} and {@link
   * #metadataNumber}).
   */
  public static final String METADATA_JSON = "metadata";
  /**
   * Prefix of the keyword fields of user metadata, so a metadata key can never shadow one of ours.
   * Every value of a key, whatever its JSON type, is a term of {@code meta.KEY}.
   */
  public static final String METADATA_PREFIX = "meta.";
  /**
   * Prefix of the numeric fields of user metadata: the numbers of a key are also points of {@code
   * meta_num.KEY}. Neither prefix starts the other, so each Lucene field holds one kind of value and
   * its schema is the same in every document, whatever types a key has across documents.
   */
  public static final String METADATA_NUMBER_PREFIX = "meta_num.";

  private M3Fields() {}

  /** The keyword field of the user metadata key {@code key}: every value, as text. */
  public static String metadata(String key) {
    return METADATA_PREFIX + key;
  }

  /** The point field of the user metadata key {@code key}: its numbers, for ranges. */
  public static String metadataNumber(String key) {
    return METADATA_NUMBER_PREFIX + key;
  }
}
