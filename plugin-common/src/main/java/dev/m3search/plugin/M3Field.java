package dev.m3search.plugin;

import dev.m3search.codecs.LegFields;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.IndexableField;

/**
 * An {@code m3} field as its mapping describes it, in either plugin: its full name, the
 * dimensions of its vectors and whether it has a ColBERT leg. Documents are read into its legs'
 * Lucene fields here, and queries are checked against it ({@link HybridRequest#toQuery}).
 *
 * @param tokenVectors whether the field has a ColBERT leg ({@code "token_vectors"}, true by default)
 */
public record M3Field(String name, int denseDimension, int tokenDimension, boolean tokenVectors) {

  /**
   * The field a mapping describes, as both plugins' mappers build it: {@code dims} is required,
   * and {@code token_dims} 0 (not given) means the dense vectors' dimensions. The mappers keep
   * {@code token_dims} as given, so the same mapping merges without a conflict.
   *
   * @throws IllegalArgumentException without {@code dims}
   */
  public static M3Field ofMapping(String name, int dims, int tokenDims, boolean tokenVectors) {
    if (dims == 0) {
      throw new IllegalArgumentException("[" + name + "] of type [m3] needs [dims], the dense vector's dimensions");
    }
    return new M3Field(name, dims, tokenDims == 0 ? dims : tokenDims, tokenVectors);
  }

  /** Checks a dimension parameter of the mapping as it is set: 0 (not given) or more. */
  public static void checkDimensionParameter(String parameter, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("[" + parameter + "] must not be negative, got " + value);
    }
  }

  /** The Lucene fields of the legs: {@code name.dense}, {@code name.sparse}, {@code name.colbert}. */
  public LegFields legs() {
    return LegFields.of(name);
  }

  /**
   * The Lucene fields of a document's value, which the parser is on (its object's start): read,
   * checked against the mapping with errors that name the leg, and split into the legs.
   */
  public List<IndexableField> read(JsonSource parser) throws IOException {
    Representations value = Representations.parse(parser, name, Representations.OtherKey.reject(name));
    value.validate(name, denseDimension, tokenDimension, tokenVectors);
    return legs().fields(value.dense(), value.sparse(), value.tokenVectors());
  }
}
