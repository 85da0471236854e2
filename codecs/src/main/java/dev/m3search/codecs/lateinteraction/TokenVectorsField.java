package dev.m3search.codecs.lateinteraction;

import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LateInteractionField;
import org.apache.lucene.index.DocValuesType;

/**
 * The token vectors of one document, for the late-interaction format. The value is encoded as
 * Lucene's {@link LateInteractionField} encodes it, so any reader can decode it; the field type
 * says that the field holds token vectors (an attribute, the same in every segment), and the
 * format stores them in the mode it is configured with.
 */
public final class TokenVectorsField extends Field {
  /** The field attribute that marks a binary field as token vectors. */
  public static final String CONTENT_ATTRIBUTE = "m3.tokens";
  /** Its value. */
  public static final String CONTENT_VALUE = "vectors";

  /** Binary doc values marked as token vectors. */
  public static final FieldType TYPE = new FieldType();

  static {
    TYPE.setDocValuesType(DocValuesType.BINARY);
    TYPE.putAttribute(CONTENT_ATTRIBUTE, CONTENT_VALUE);
    TYPE.freeze();
  }

  /**
   * @param vectors one vector per token, all of one dimension, at least one token
   */
  public TokenVectorsField(String name, float[][] vectors) {
    super(name, LateInteractionField.encode(vectors), TYPE);
  }
}
