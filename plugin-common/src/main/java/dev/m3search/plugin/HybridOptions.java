package dev.m3search.plugin;

import dev.m3search.plugin.JsonSource.Kind;
import dev.m3search.query.Fusion;
import dev.m3search.query.LegWeights;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How an {@code m3_hybrid} query ranks, in both plugins: {@code mode}, {@code fusion}, {@code
 * weights} (null for the field's default) and {@code depth}, parsed, checked and defaulted here so
 * that the two plugins take the same options with the same errors.
 */
public record HybridOptions(SearchMode mode, String fusion, LegWeights weights, int depth) {
  /** The engine's default with learned sparse weights: BGE-M3's weighted sum. */
  public static final String DEFAULT_FUSION = "weighted";
  /** BGE-M3's weights without the ColBERT part: the default on a field of two legs. */
  public static final LegWeights TWO_LEG_WEIGHTS = new LegWeights(LegWeights.BGE_M3.dense(), LegWeights.BGE_M3.sparse(), 0f);

  public HybridOptions {
    Objects.requireNonNull(mode, "mode");
    Fusion.of(fusion, LegWeights.BGE_M3); // an unknown name fails here, when the query is parsed
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be at least 1, got " + depth);
    }
  }

  /** Hybrid mode, the weighted sum with the field's default weights, the engine's default depth. */
  public static HybridOptions defaults() {
    return new HybridOptions(SearchMode.HYBRID, DEFAULT_FUSION, null, SearchOptions.DEFAULT_CANDIDATES);
  }

  /** Whether {@code key} is one of these options. */
  public static boolean isOption(String key) {
    return switch (key) {
      case "mode", "fusion", "weights", "depth" -> true;
      default -> false;
    };
  }

  /** These options with {@code key} ({@link #isOption}) read from the value the parser is on. */
  public HybridOptions read(String key, JsonSource parser) throws IOException {
    return switch (key) {
      case "mode" -> new HybridOptions(mode(parser.text()), fusion, weights, depth);
      case "fusion" -> new HybridOptions(mode, parser.text(), weights, depth);
      case "weights" -> new HybridOptions(mode, fusion, weights(parser), depth);
      case "depth" -> new HybridOptions(mode, fusion, weights, integer(parser, "depth"));
      default -> throw new IllegalArgumentException("unknown key [" + key + "]");
    };
  }

  /** The weights given, or the field's default: BGE-M3's, without the ColBERT part on a field of two legs. */
  public LegWeights weightsFor(boolean tokenVectors) {
    return weights != null ? weights : tokenVectors ? LegWeights.BGE_M3 : TWO_LEG_WEIGHTS;
  }

  /** The fusion on a field with or without token vectors, after checking that these options suit it. */
  public Fusion fusionFor(String query, String field, boolean tokenVectors) {
    LegWeights chosen = weightsFor(tokenVectors);
    if (!tokenVectors && (mode == SearchMode.COLBERT || (mode == SearchMode.HYBRID && chosen.weighsColbert()))) {
      throw new IllegalArgumentException("[" + query + "] field [" + field + "] keeps no token vectors (token_vectors: false): "
          + (mode == SearchMode.COLBERT ? "use mode hybrid, dense or sparse" : "give two [weights], dense and sparse"));
    }
    return Fusion.of(fusion, chosen);
  }

  /** The mode named {@code name}, in any case. */
  public static SearchMode mode(String name) {
    for (SearchMode mode : SearchMode.values()) {
      if (mode.name().equalsIgnoreCase(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown mode [" + name + "]: use hybrid, dense, sparse or colbert");
  }

  /** The mode's name as a request gives it. */
  public String modeName() {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  private static LegWeights weights(JsonSource parser) throws IOException {
    List<Float> values = new ArrayList<>();
    boolean numbers = parser.current() == Kind.START_ARRAY;
    if (numbers) {
      for (Kind token = parser.next(); token != Kind.END_ARRAY; token = parser.next()) {
        if (token != Kind.NUMBER) {
          numbers = false;
          break;
        }
        values.add(parser.floatValue());
      }
    }
    if (!numbers || (values.size() != 3 && values.size() != 2)) {
      throw new IllegalArgumentException(
          "[weights] takes three numbers, dense, sparse and colbert, or two, dense and sparse, got " + values);
    }
    return new LegWeights(values.get(0), values.get(1), values.size() == 3 ? values.get(2) : 0f);
  }

  private static int integer(JsonSource parser, String key) throws IOException {
    if (parser.current() != Kind.NUMBER) {
      throw new IllegalArgumentException("[" + key + "] must be a number, got " + parser.current());
    }
    return parser.intValue();
  }
}
