package dev.m3search.codecs.lateinteraction;

import java.util.EnumMap;
import java.util.Map;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LateInteractionField;
import org.apache.lucene.index.DocValuesType;

/**
 * The token vectors of one document, for the late-interaction format. The value is encoded as
 * Lucene's {@link LateInteractionField} encodes it, so any reader can decode it; the field type
 * carries the {@link TokenVectorMode} as an attribute, which tells the format how to store it.
 */
public final class TokenVectorsField extends Field {
  private static final Map<TokenVectorMode, FieldType> TYPES = new EnumMap<>(TokenVectorMode.class);

  static {
    for (TokenVectorMode mode : TokenVectorMode.values()) {
      FieldType type = new FieldType();
      type.setDocValuesType(DocValuesType.BINARY);
      type.putAttribute(TokenVectorMode.ATTRIBUTE, mode.label());
      type.freeze();
      TYPES.put(mode, type);
    }
  }

  /**
   * @param vectors one vector per token, all of one dimension, at least one token
   */
  public TokenVectorsField(String name, float[][] vectors, TokenVectorMode mode) {
    super(name, LateInteractionField.encode(vectors), TYPES.get(mode));
  }

  /** The field type of token vectors stored in {@code mode}. */
  public static FieldType type(TokenVectorMode mode) {
    return TYPES.get(mode);
  }
}
