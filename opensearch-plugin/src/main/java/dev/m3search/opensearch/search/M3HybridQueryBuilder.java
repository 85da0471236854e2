package dev.m3search.opensearch.search;

import dev.m3search.codecs.LegFields;
import dev.m3search.opensearch.encode.NodeEncoder;
import dev.m3search.opensearch.mapper.M3FieldType;
import dev.m3search.opensearch.mapper.Representations;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.Fusion;
import dev.m3search.query.HybridQuery;
import dev.m3search.query.LegWeights;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import dev.m3search.query.SparseQueries;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.search.Query;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.index.query.QueryShardContext;

/**
 * {@code m3_hybrid}: the embedded engine's {@link HybridQuery} on an {@code m3} field, from
 * precomputed query representations.
 *
 * <pre>{"m3_hybrid": {"field": "emb", "query": {"dense": [..], "sparse": {..}, "colbert": [[..]]},
 *   "mode": "hybrid", "fusion": "weighted", "weights": [0.4, 0.2, 0.4], "depth": 100}}</pre>
 *
 * <p>Instead of {@code query}, {@code "text": "..."} has the coordinating node encode the text with
 * its model ({@link NodeEncoder}) once, before the query goes to the shards.
 *
 * <p>On a field without token vectors ({@code "token_vectors": false}) the query gives no {@code
 * colbert}, may not use the colbert mode, and weighs two legs ({@code "weights": [0.4, 0.2]}; by
 * default BGE-M3's dense and sparse weights, without the ColBERT part).
 *
 * <p>Each shard retrieves its own candidates and fuses them; see the README for what that means
 * for the candidate-dependent fusions (RRF, min-max).
 */
public final class M3HybridQueryBuilder extends AbstractQueryBuilder<M3HybridQueryBuilder> {
  public static final String NAME = "m3_hybrid";
  /** The engine's default with learned sparse weights: BGE-M3's weighted sum. */
  static final String DEFAULT_FUSION = "weighted";

  private final String field;
  /** Text still to encode, or null once the representations are given. */
  private final String text;
  /** Encodes {@link #text} on the node that parsed the query; null after transport. */
  private final transient NodeEncoder encoder;
  private final float[] dense;
  private final Map<String, Float> sparse;
  private final float[][] colbert;
  private final SearchMode mode;
  private final String fusion;
  /** The weights given, or null for the field's default ({@link #weightsFor}). */
  private final LegWeights weights;
  private final int depth;

  /** BGE-M3's weights without the ColBERT part: the default on a field of two legs. */
  static final LegWeights TWO_LEG_WEIGHTS = new LegWeights(LegWeights.BGE_M3.dense(), LegWeights.BGE_M3.sparse(), 0f);

  public M3HybridQueryBuilder(
      String field, Representations query, SearchMode mode, String fusion, LegWeights weights, int depth) {
    this(field, null, null, query, mode, fusion, weights, depth);
  }

  private M3HybridQueryBuilder(String field, String text, NodeEncoder encoder, Representations query, SearchMode mode,
      String fusion, LegWeights weights, int depth) {
    this.field = Objects.requireNonNull(field, "field");
    this.text = text;
    this.encoder = encoder;
    this.dense = query.dense();
    this.sparse = query.sparse();
    this.colbert = query.tokenVectors();
    this.mode = mode;
    this.fusion = fusion;
    this.weights = weights;
    this.depth = depth;
    Fusion.of(fusion, LegWeights.BGE_M3); // fails early on an unknown name
    if (depth < 1) {
      throw new IllegalArgumentException("[" + NAME + "] depth must be at least 1, got " + depth);
    }
  }

  public M3HybridQueryBuilder(StreamInput in) throws IOException {
    super(in);
    field = in.readString();
    text = in.readOptionalString();
    encoder = null;
    dense = in.readFloatArray();
    int terms = in.readVInt();
    sparse = new LinkedHashMap<>();
    for (int i = 0; i < terms; i++) {
      sparse.put(in.readString(), in.readFloat());
    }
    colbert = new float[in.readVInt()][];
    for (int t = 0; t < colbert.length; t++) {
      colbert[t] = in.readFloatArray();
    }
    mode = in.readEnum(SearchMode.class);
    fusion = in.readString();
    weights = in.readBoolean() ? new LegWeights(in.readFloat(), in.readFloat(), in.readFloat()) : null;
    depth = in.readVInt();
  }

  @Override
  protected void doWriteTo(StreamOutput out) throws IOException {
    out.writeString(field);
    out.writeOptionalString(text);
    out.writeFloatArray(dense);
    out.writeVInt(sparse.size());
    for (Map.Entry<String, Float> e : sparse.entrySet()) {
      out.writeString(e.getKey());
      out.writeFloat(e.getValue());
    }
    out.writeVInt(colbert.length);
    for (float[] token : colbert) {
      out.writeFloatArray(token);
    }
    out.writeEnum(mode);
    out.writeString(fusion);
    out.writeBoolean(weights != null);
    if (weights != null) {
      out.writeFloat(weights.dense());
      out.writeFloat(weights.sparse());
      out.writeFloat(weights.colbert());
    }
    out.writeVInt(depth);
  }

  @Override
  protected void doXContent(XContentBuilder builder, Params params) throws IOException {
    builder.startObject(NAME);
    builder.field("field", field);
    if (text != null) {
      builder.field("text", text);
    } else {
      writeRepresentations(builder);
    }
    builder.field("mode", mode.name().toLowerCase(Locale.ROOT));
    builder.field("fusion", fusion);
    if (weights != null) {
      builder.array("weights", weights.dense(), weights.sparse(), weights.colbert());
    }
    builder.field("depth", depth);
    printBoostAndQueryName(builder);
    builder.endObject();
  }

  private void writeRepresentations(XContentBuilder builder) throws IOException {
    builder.startObject("query");
    builder.array(Representations.DENSE, dense);
    builder.field(Representations.SPARSE, sparse);
    builder.startArray(Representations.COLBERT);
    for (float[] token : colbert) {
      builder.value(token);
    }
    builder.endArray();
    builder.endObject();
  }

  /** Parses the body of {@code m3_hybrid}; the parser is on its start. {@code encoder} encodes a {@code text}. */
  public static M3HybridQueryBuilder fromXContent(XContentParser parser, NodeEncoder encoder) throws IOException {
    String field = null;
    String text = null;
    Representations query = null;
    SearchMode mode = SearchMode.HYBRID;
    String fusion = DEFAULT_FUSION;
    LegWeights weights = null;
    int depth = SearchOptions.DEFAULT_CANDIDATES;
    float boost = DEFAULT_BOOST;
    String queryName = null;
    try {
      for (XContentParser.Token token = parser.nextToken(); token != XContentParser.Token.END_OBJECT; token = parser.nextToken()) {
        String key = parser.currentName();
        parser.nextToken();
        switch (key) {
          case "field" -> field = parser.text();
          case "text" -> text = parser.text();
          case "query" -> query = Representations.parse(parser, NAME + ".query", Representations.OtherKey.reject(NAME + ".query"));
          case "mode" -> mode = mode(parser.text());
          case "fusion" -> fusion = parser.text();
          case "weights" -> weights = weights(parser);
          case "depth" -> depth = parser.intValue(false);
          case "boost" -> boost = parser.floatValue();
          case "_name" -> queryName = parser.text();
          default -> throw new IllegalArgumentException("unknown key [" + key + "]");
        }
      }
      if (field == null || (query == null) == (text == null)) {
        throw new IllegalArgumentException("[field] is required, and one of [query] and [text]");
      }
      if (query != null && (query.dense() == null || query.sparse() == null)) {
        throw new IllegalArgumentException("[query] needs dense, sparse and (but on a field without token vectors) colbert");
      }
      Representations given = query != null ? query : new Representations(new float[0], Map.of(), new float[0][]);
      return new M3HybridQueryBuilder(field, text, encoder, given, mode, fusion, weights, depth).boost(boost).queryName(queryName);
    } catch (IllegalArgumentException e) {
      throw new ParsingException(parser.getTokenLocation(), "[" + NAME + "] " + e.getMessage(), e);
    }
  }

  private static SearchMode mode(String name) {
    for (SearchMode mode : SearchMode.values()) {
      if (mode.name().equalsIgnoreCase(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown mode [" + name + "]: use hybrid, dense, sparse or colbert");
  }

  private static LegWeights weights(XContentParser parser) throws IOException {
    java.util.List<Object> values = parser.list();
    if ((values.size() != 3 && values.size() != 2) || !values.stream().allMatch(v -> v instanceof Number)) {
      throw new IllegalArgumentException(
          "[weights] takes three numbers, dense, sparse and colbert, or two, dense and sparse, got " + values);
    }
    return new LegWeights(
        ((Number) values.get(0)).floatValue(), ((Number) values.get(1)).floatValue(),
        values.size() == 3 ? ((Number) values.get(2)).floatValue() : 0f);
  }

  /** Encodes a {@code text} once, on the node that parsed the request, before shards see the query. */
  @Override
  protected QueryBuilder doRewrite(QueryRewriteContext context) throws IOException {
    if (text == null) {
      return this;
    }
    if (encoder == null) {
      throw new IllegalStateException("[" + NAME + "] text reached a shard unencoded");
    }
    Representations encoded = encoder.encodeQuery(text);
    return new M3HybridQueryBuilder(field, encoded, mode, fusion, weights, depth).boost(boost).queryName(queryName);
  }

  @Override
  protected Query doToQuery(QueryShardContext context) {
    if (text != null) {
      throw new IllegalStateException("[" + NAME + "] text must be encoded before the query is built");
    }
    MappedFieldType type = context.fieldMapper(field);
    if (!(type instanceof M3FieldType m3)) {
      throw new IllegalArgumentException("[" + NAME + "] field [" + field + "] is "
          + (type == null ? "not mapped" : "of type [" + type.typeName() + "]") + ", not [m3]");
    }
    new Representations(dense, sparse, colbert)
        .validate(NAME + ".query", m3.denseDimension(), m3.tokenDimension(), m3.hasTokenVectors());
    LegWeights fieldWeights = weightsFor(m3);
    if (!m3.hasTokenVectors() && (mode == SearchMode.COLBERT || (mode == SearchMode.HYBRID && fieldWeights.weighsColbert()))) {
      throw new IllegalArgumentException("[" + NAME + "] field [" + field + "] keeps no token vectors (token_vectors: false): "
          + (mode == SearchMode.COLBERT ? "use mode hybrid, dense or sparse" : "give two [weights], dense and sparse"));
    }
    LegFields legs = m3.legs();
    EncodedQuery query = new EncodedQuery(dense, SparseQueries.learnedWeights(legs.sparse(), sparse), colbert);
    return new HybridQuery(legs, query, mode, Fusion.of(fusion, fieldWeights), depth, null, 1);
  }

  /** The weights given, or the field's default: BGE-M3's, without the ColBERT part on a field of two legs. */
  private LegWeights weightsFor(M3FieldType m3) {
    return weights != null ? weights : m3.hasTokenVectors() ? LegWeights.BGE_M3 : TWO_LEG_WEIGHTS;
  }

  @Override
  protected boolean doEquals(M3HybridQueryBuilder other) {
    return field.equals(other.field)
        && Objects.equals(text, other.text)
        && Arrays.equals(dense, other.dense)
        && sparse.equals(other.sparse)
        && Arrays.deepEquals(colbert, other.colbert)
        && mode == other.mode
        && fusion.equals(other.fusion)
        && Objects.equals(weights, other.weights)
        && depth == other.depth;
  }

  @Override
  protected int doHashCode() {
    return Objects.hash(field, text, Arrays.hashCode(dense), sparse, Arrays.deepHashCode(colbert), mode, fusion, weights, depth);
  }

  @Override
  public String getWriteableName() {
    return NAME;
  }
}
