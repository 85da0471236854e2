package dev.m3search.opensearch.search;

import dev.m3search.codecs.LegFields;
import dev.m3search.plugin.NodeEncoder;
import dev.m3search.opensearch.mapper.M3FieldType;
import dev.m3search.opensearch.mapper.XContentSource;
import dev.m3search.plugin.HybridOptions;
import dev.m3search.plugin.Representations;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.HybridQuery;
import dev.m3search.query.LegWeights;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SparseQueries;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 *   "mode": "hybrid", "fusion": "weighted", "weights": [0.4, 0.2, 0.4], "depth": 100,
 *   "filter": {"term": {"topic": "astronomy"}}}}</pre>
 *
 * <p>Instead of {@code query}, {@code "text": "..."} has the coordinating node encode the text with
 * its model ({@link NodeEncoder}) once, before the query goes to the shards. The ranking options
 * are the shared {@link HybridOptions}. {@code filter}, any query, is applied inside dense kNN and
 * the sparse leg, as the embedded engine applies its filter: a selective filter still gives
 * {@code depth} candidates, where a {@code bool} filter around the query would only drop some of
 * them.
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

  private final String field;
  /** Text still to encode, or null once the representations are given. */
  private final String text;
  /** Encodes {@link #text} on the node that parsed the query; null after transport. */
  private final transient NodeEncoder encoder;
  private final float[] dense;
  private final Map<String, Float> sparse;
  private final float[][] colbert;
  private final HybridOptions options;
  /** Documents must match this inside the legs; null for none. */
  private final QueryBuilder filter;

  public M3HybridQueryBuilder(String field, Representations query, HybridOptions options, QueryBuilder filter) {
    this(field, null, null, query, options, filter);
  }

  private M3HybridQueryBuilder(
      String field, String text, NodeEncoder encoder, Representations query, HybridOptions options, QueryBuilder filter) {
    this.field = Objects.requireNonNull(field, "field");
    this.text = text;
    this.encoder = encoder;
    this.dense = query.dense();
    this.sparse = query.sparse();
    this.colbert = query.tokenVectors();
    this.options = Objects.requireNonNull(options, "options");
    this.filter = filter;
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
    SearchMode mode = in.readEnum(SearchMode.class);
    String fusion = in.readString();
    LegWeights weights = in.readBoolean() ? new LegWeights(in.readFloat(), in.readFloat(), in.readFloat()) : null;
    options = new HybridOptions(mode, fusion, weights, in.readVInt());
    filter = in.readOptionalNamedWriteable(QueryBuilder.class);
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
    out.writeEnum(options.mode());
    out.writeString(options.fusion());
    LegWeights weights = options.weights();
    out.writeBoolean(weights != null);
    if (weights != null) {
      out.writeFloat(weights.dense());
      out.writeFloat(weights.sparse());
      out.writeFloat(weights.colbert());
    }
    out.writeVInt(options.depth());
    out.writeOptionalNamedWriteable(filter);
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
    builder.field("mode", options.modeName());
    builder.field("fusion", options.fusion());
    if (options.weights() != null) {
      builder.array("weights", options.weights().dense(), options.weights().sparse(), options.weights().colbert());
    }
    builder.field("depth", options.depth());
    if (filter != null) {
      builder.field("filter", filter);
    }
    printBoostAndQueryName(builder);
    builder.endObject();
  }

  private void writeRepresentations(XContentBuilder builder) throws IOException {
    builder.startObject("query");
    builder.array(Representations.DENSE, dense);
    builder.field(Representations.SPARSE, sparse);
    if (colbert.length > 0) {
      builder.startArray(Representations.COLBERT);
      for (float[] token : colbert) {
        builder.value(token);
      }
      builder.endArray();
    }
    builder.endObject();
  }

  /** Parses the body of {@code m3_hybrid}; the parser is on its start. {@code encoder} encodes a {@code text}. */
  public static M3HybridQueryBuilder fromXContent(XContentParser parser, NodeEncoder encoder) throws IOException {
    String field = null;
    String text = null;
    Representations query = null;
    HybridOptions options = HybridOptions.defaults();
    QueryBuilder filter = null;
    float boost = DEFAULT_BOOST;
    String queryName = null;
    XContentSource source = new XContentSource(parser);
    try {
      for (XContentParser.Token token = parser.nextToken(); token != XContentParser.Token.END_OBJECT; token = parser.nextToken()) {
        String key = parser.currentName();
        parser.nextToken();
        if (HybridOptions.isOption(key)) {
          options = options.read(key, source);
          continue;
        }
        switch (key) {
          case "field" -> field = parser.text();
          case "text" -> text = parser.text();
          case "query" -> query = Representations.parse(source, NAME + ".query", Representations.OtherKey.reject(NAME + ".query"));
          case "filter" -> filter = parseInnerQueryBuilder(parser);
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
      return new M3HybridQueryBuilder(field, text, encoder, given, options, filter).boost(boost).queryName(queryName);
    } catch (IllegalArgumentException e) {
      throw new ParsingException(parser.getTokenLocation(), "[" + NAME + "] " + e.getMessage(), e);
    }
  }

  /**
   * Encodes a {@code text} once, on the node that parsed the request, before shards see the
   * query; rewrites the filter as any inner query is rewritten.
   */
  @Override
  protected QueryBuilder doRewrite(QueryRewriteContext context) throws IOException {
    QueryBuilder rewrittenFilter = filter == null ? null : filter.rewrite(context);
    if (text == null) {
      return rewrittenFilter == filter
          ? this
          : new M3HybridQueryBuilder(field, representations(), options, rewrittenFilter).boost(boost).queryName(queryName);
    }
    if (encoder == null) {
      throw new IllegalStateException("[" + NAME + "] text reached a shard unencoded");
    }
    Representations encoded = encoder.encodeQuery(text);
    return new M3HybridQueryBuilder(field, encoded, options, rewrittenFilter).boost(boost).queryName(queryName);
  }

  private Representations representations() {
    return new Representations(dense, sparse, colbert);
  }

  @Override
  protected Query doToQuery(QueryShardContext context) throws IOException {
    if (text != null) {
      throw new IllegalStateException("[" + NAME + "] text must be encoded before the query is built");
    }
    MappedFieldType type = context.fieldMapper(field);
    if (!(type instanceof M3FieldType m3)) {
      throw new IllegalArgumentException("[" + NAME + "] field [" + field + "] is "
          + (type == null ? "not mapped" : "of type [" + type.typeName() + "]") + ", not [m3]");
    }
    representations().validate(NAME + ".query", m3.denseDimension(), m3.tokenDimension(), m3.hasTokenVectors());
    LegFields legs = m3.legs();
    EncodedQuery query = new EncodedQuery(dense, SparseQueries.learnedWeights(legs.sparse(), sparse), colbert);
    Query inside = filter == null ? null : filter.toQuery(context);
    return new HybridQuery(legs, query, options.mode(), options.fusionFor(NAME, field, m3.hasTokenVectors()), options.depth(),
        inside, 1);
  }

  @Override
  protected boolean doEquals(M3HybridQueryBuilder other) {
    return field.equals(other.field)
        && Objects.equals(text, other.text)
        && Arrays.equals(dense, other.dense)
        && sparse.equals(other.sparse)
        && Arrays.deepEquals(colbert, other.colbert)
        && options.equals(other.options)
        && Objects.equals(filter, other.filter);
  }

  @Override
  protected int doHashCode() {
    return Objects.hash(field, text, Arrays.hashCode(dense), sparse, Arrays.deepHashCode(colbert), options, filter);
  }

  @Override
  public String getWriteableName() {
    return NAME;
  }
}
