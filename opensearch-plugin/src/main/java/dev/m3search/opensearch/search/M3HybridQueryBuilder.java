package dev.m3search.opensearch.search;

import dev.m3search.opensearch.mapper.M3FieldType;
import dev.m3search.opensearch.mapper.XContentSource;
import dev.m3search.plugin.HybridRequest;
import dev.m3search.plugin.NodeEncoder;
import java.io.IOException;
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
 * {@code m3_hybrid}: the embedded engine's {@code HybridQuery} on an {@code m3} field.
 *
 * <pre>{"m3_hybrid": {"field": "emb", "query": {"dense": [..], "sparse": {..}, "colbert": [[..]]},
 *   "mode": "hybrid", "fusion": "weighted", "weights": [0.4, 0.2, 0.4], "depth": 100,
 *   "filter": {"term": {"topic": "astronomy"}}}}</pre>
 *
 * <p>The body is the shared {@link HybridRequest}, parsed, checked and turned into the query as in
 * the Elasticsearch plugin. Instead of {@code query}, {@code "text": "..."} has the coordinating
 * node encode the text with its model ({@link NodeEncoder}) once, before the query goes to the
 * shards. {@code filter}, any query, is applied inside dense kNN and the sparse leg, as the
 * embedded engine applies its filter: a selective filter still gives {@code depth} candidates,
 * where a {@code bool} filter around the query would only drop some of them.
 *
 * <p>Each shard retrieves its own candidates and fuses them; see the README for what that means
 * for the candidate-dependent fusions (RRF, min-max).
 */
public final class M3HybridQueryBuilder extends AbstractQueryBuilder<M3HybridQueryBuilder> {
  public static final String NAME = HybridRequest.NAME;

  private final HybridRequest request;
  /** Encodes the request's text on the node that parsed the query; null after transport. */
  private final transient NodeEncoder encoder;
  /** Documents must match this inside the legs; null for none. */
  private final QueryBuilder filter;

  public M3HybridQueryBuilder(HybridRequest request, QueryBuilder filter) {
    this(request, null, filter);
  }

  private M3HybridQueryBuilder(HybridRequest request, NodeEncoder encoder, QueryBuilder filter) {
    this.request = Objects.requireNonNull(request, "request");
    this.encoder = encoder;
    this.filter = filter;
  }

  public M3HybridQueryBuilder(StreamInput in) throws IOException {
    super(in);
    request = HybridRequest.fromBytes(in.readByteArray());
    encoder = null;
    filter = in.readOptionalNamedWriteable(QueryBuilder.class);
  }

  @Override
  protected void doWriteTo(StreamOutput out) throws IOException {
    out.writeByteArray(request.toBytes());
    out.writeOptionalNamedWriteable(filter);
  }

  @Override
  protected void doXContent(XContentBuilder builder, Params params) throws IOException {
    builder.startObject(NAME);
    for (Map.Entry<String, Object> e : request.toJson().entrySet()) {
      builder.field(e.getKey(), e.getValue());
    }
    if (filter != null) {
      builder.field("filter", filter);
    }
    printBoostAndQueryName(builder);
    builder.endObject();
  }

  /** Parses the body of {@code m3_hybrid}; the parser is on its start. {@code encoder} encodes a {@code text}. */
  public static M3HybridQueryBuilder fromXContent(XContentParser parser, NodeEncoder encoder) throws IOException {
    QueryBuilder[] filter = {null};
    float[] boost = {DEFAULT_BOOST};
    String[] queryName = {null};
    try {
      HybridRequest request = HybridRequest.parse(new XContentSource(parser), (key, source) -> {
        switch (key) {
          case "filter" -> filter[0] = parseInnerQueryBuilder(parser);
          case "boost" -> boost[0] = parser.floatValue();
          case "_name" -> queryName[0] = parser.text();
          default -> throw new IllegalArgumentException("unknown key [" + key + "]");
        }
      });
      return new M3HybridQueryBuilder(request, encoder, filter[0]).boost(boost[0]).queryName(queryName[0]);
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
    HybridRequest encoded = request.encodedBy(encoder);
    if (encoded == request && rewrittenFilter == filter) {
      return this;
    }
    return new M3HybridQueryBuilder(encoded, rewrittenFilter).boost(boost).queryName(queryName);
  }

  @Override
  protected Query doToQuery(QueryShardContext context) throws IOException {
    MappedFieldType type = context.fieldMapper(request.field());
    if (!(type instanceof M3FieldType m3)) {
      throw request.notAnM3Field(type == null ? null : type.typeName());
    }
    return request.toQuery(m3.spec(), filter == null ? null : filter.toQuery(context));
  }

  @Override
  protected boolean doEquals(M3HybridQueryBuilder other) {
    return request.equals(other.request) && Objects.equals(filter, other.filter);
  }

  @Override
  protected int doHashCode() {
    return Objects.hash(request, filter);
  }

  @Override
  public String getWriteableName() {
    return NAME;
  }
}
