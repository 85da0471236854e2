package dev.m3search.plugin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.m3search.plugin.JsonSource.Kind;

/**
 * The three representations of one text as JSON gives them: {@code {"dense": [..], "sparse":
 * {"term": weight, ..}, "colbert": [[..], ..]}}. Documents and {@code m3_hybrid} queries share
 * this form, in both plugins. Every error names the leg, as {@code field.dense}.
 *
 * @param dense the dense vector
 * @param sparse weight per term
 * @param colbert one vector per token
 */
public record Representations(float[] dense, Map<String, Float> sparse, float[][] colbert) {
  public static final String DENSE = "dense";
  public static final String SPARSE = "sparse";
  public static final String COLBERT = "colbert";

  /**
   * Reads the object the parser is on (its current token is the object's start) up to its end;
   * {@code other} takes the keys that are not representations, or rejects them.
   */
  public static Representations parse(JsonSource parser, String field, OtherKey other) throws IOException {
    expect(parser.current(), Kind.START_OBJECT, field, "an object of dense, sparse and colbert");
    float[] dense = null;
    Map<String, Float> sparse = null;
    float[][] colbert = null;
    for (Kind token = parser.next(); token != Kind.END_OBJECT; token = parser.next()) {
      String key = parser.name();
      parser.next();
      switch (key) {
        case DENSE -> dense = vector(parser, field + "." + DENSE);
        case SPARSE -> sparse = weights(parser, field + "." + SPARSE);
        case COLBERT -> colbert = vectors(parser, field + "." + COLBERT);
        default -> other.accept(key, parser);
      }
    }
    return new Representations(dense, sparse, colbert);
  }

  /** What to do with a key other than the three representations. */
  @FunctionalInterface
  public interface OtherKey {
    void accept(String key, JsonSource parser) throws IOException;

    /** Rejects every other key. */
    static OtherKey reject(String field) {
      return (key, parser) -> {
        throw new IllegalArgumentException("[" + field + "] has an unknown key [" + key + "]: expected dense, sparse and colbert");
      };
    }
  }

  /** Checks that all three are present, with the dimensions given (and finite, unit-length vectors). */
  public void validate(String field, int denseDimension, int tokenDimension) {
    validate(field, denseDimension, tokenDimension, true);
  }

  /**
   * As {@link #validate(String, int, int)} where {@code tokenVectors}; for a field without token
   * vectors, the dense and sparse representations, and no token vectors.
   */
  public void validate(String field, int denseDimension, int tokenDimension, boolean tokenVectors) {
    if (!tokenVectors) {
      if (dense == null || sparse == null) {
        throw new IllegalArgumentException("[" + field + "] is missing its " + (dense == null ? DENSE : SPARSE)
            + " representation: dense and sparse are required");
      }
      if (colbert != null && colbert.length > 0) {
        throw new IllegalArgumentException("[" + field + "." + COLBERT + "] is given, and the mapping keeps no token vectors"
            + " (token_vectors: false)");
      }
      checkDimension(field + "." + DENSE, dense, denseDimension);
      return;
    }
    if (dense == null || sparse == null || colbert == null) {
      throw new IllegalArgumentException("[" + field + "] is missing its "
          + (dense == null ? DENSE : sparse == null ? SPARSE : COLBERT) + " representation: dense, sparse and colbert are required");
    }
    checkDimension(field + "." + DENSE, dense, denseDimension);
    if (colbert.length == 0) {
      throw new IllegalArgumentException("[" + field + "." + COLBERT + "] has no token vectors");
    }
    for (int t = 0; t < colbert.length; t++) {
      checkDimension(field + "." + COLBERT + "[" + t + "]", colbert[t], tokenDimension);
    }
  }

  /**
   * The JSON form, as a document's source holds it: numbers as lists, and no {@code colbert} where
   * there are no token vectors (a model without them fills a field of two legs).
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(DENSE, floats(dense));
    json.put(SPARSE, new LinkedHashMap<>(sparse));
    List<List<Float>> tokens = new ArrayList<>();
    for (float[] token : tokenVectors()) {
      tokens.add(floats(token));
    }
    if (!tokens.isEmpty()) {
      json.put(COLBERT, tokens);
    }
    return json;
  }

  private static List<Float> floats(float[] vector) {
    List<Float> list = new ArrayList<>(vector.length);
    for (float v : vector) {
      list.add(v);
    }
    return list;
  }

  /** Equal when the vectors and weights are, by content; no token vectors and none given are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Representations other
        && Arrays.equals(dense, other.dense)
        && Objects.equals(sparse, other.sparse)
        && Arrays.deepEquals(tokenVectors(), other.tokenVectors());
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(dense), sparse, Arrays.deepHashCode(tokenVectors()));
  }

  /** The token vectors, none where not given. */
  public float[][] tokenVectors() {
    return colbert == null ? new float[0][] : colbert;
  }

  private static void checkDimension(String leg, float[] vector, int dimension) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException("[" + leg + "] has " + vector.length + " dimensions, the mapping says " + dimension);
    }
  }

  private static float[] vector(JsonSource parser, String leg) throws IOException {
    expect(parser.current(), Kind.START_ARRAY, leg, "an array of numbers");
    List<Float> values = new ArrayList<>();
    for (Kind token = parser.next(); token != Kind.END_ARRAY; token = parser.next()) {
      values.add(number(parser, leg + "[" + values.size() + "]"));
    }
    float[] vector = new float[values.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = values.get(i);
    }
    return vector;
  }

  private static float[][] vectors(JsonSource parser, String leg) throws IOException {
    expect(parser.current(), Kind.START_ARRAY, leg, "an array of token vectors");
    List<float[]> tokens = new ArrayList<>();
    for (Kind token = parser.next(); token != Kind.END_ARRAY; token = parser.next()) {
      tokens.add(vector(parser, leg + "[" + tokens.size() + "]"));
    }
    return tokens.toArray(float[][]::new);
  }

  private static Map<String, Float> weights(JsonSource parser, String leg) throws IOException {
    expect(parser.current(), Kind.START_OBJECT, leg, "an object of term weights");
    Map<String, Float> weights = new LinkedHashMap<>();
    for (Kind token = parser.next(); token != Kind.END_OBJECT; token = parser.next()) {
      String term = parser.name();
      parser.next();
      float weight = number(parser, leg + "." + term);
      if (weight < 0) {
        throw new IllegalArgumentException("[" + leg + "." + term + "] is negative (" + weight + "): sparse weights are ≥ 0");
      }
      weights.put(term, weight);
    }
    return weights;
  }

  private static float number(JsonSource parser, String what) throws IOException {
    if (parser.current() != Kind.NUMBER) {
      throw new IllegalArgumentException("[" + what + "] must be a number, got " + describe(parser));
    }
    float value = parser.floatValue();
    if (!Float.isFinite(value)) {
      throw new IllegalArgumentException("[" + what + "] must be finite, got " + value);
    }
    return value;
  }

  private static void expect(Kind actual, Kind expected, String what, String description) {
    if (actual != expected) {
      throw new IllegalArgumentException("[" + what + "] must be " + description + ", got " + actual);
    }
  }

  private static String describe(JsonSource parser) throws IOException {
    Kind token = parser.current();
    return token == Kind.NUMBER || token == Kind.STRING || token == Kind.BOOLEAN ? "'" + parser.text() + "'" : String.valueOf(token);
  }
}
