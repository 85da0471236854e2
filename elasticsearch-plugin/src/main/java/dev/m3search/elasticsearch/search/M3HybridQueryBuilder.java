package dev.m3search.elasticsearch.search;

import dev.m3search.elasticsearch.mapper.M3FieldType;
import dev.m3search.elasticsearch.mapper.XContentSource;
import dev.m3search.plugin.HybridRequest;
import dev.m3search.plugin.NodeEncoder;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.search.Query;
import org.elasticsearch.TransportVersion;
import org.elasticsearch.common.ParsingException;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;
import org.elasticsearch.index.mapper.MappedFieldType;
import org.elasticsearch.index.query.LeafQueryBuilder;
import org.elasticsearch.index.query.QueryBuilder;
import org.elasticsearch.index.query.QueryRewriteContext;
import org.elasticsearch.index.query.SearchExecutionContext;
import org.elasticsearch.xcontent.ToXContent;
import org.elasticsearch.xcontent.XContentBuilder;
import org.elasticsearch.xcontent.XContentParser;

/**
 * {@code m3_hybrid} in Elasticsearch: the same body as the OpenSearch plugin's ({@link
 * HybridRequest}, shared), a {@code filter} applied inside dense kNN and the sparse leg, and a
 * {@code text} encoded once on the coordinating node.
 *
 * <pre>{"m3_hybrid": {"field": "emb", "query": {"dense": [..], "sparse": {..}, "colbert": [[..]]},
 *   "mode": "hybrid", "fusion": "weighted", "weights": [0.4, 0.2, 0.4], "depth": 100,
 *   "filter": {"term": {"topic": "astronomy"}}}}</pre>
 */
public final class M3HybridQueryBuilder extends LeafQueryBuilder<M3HybridQueryBuilder> {
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
  protected void doXContent(XContentBuilder builder, ToXContent.Params params) throws IOException {
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

  /** Encodes a {@code text} once, on the node that parsed the request; rewrites the filter as any inner query. */
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
  protected Query doToQuery(SearchExecutionContext context) throws IOException {
    MappedFieldType type = context.getFieldType(request.field());
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

  @Override
  public TransportVersion getMinimalSupportedVersion() {
    return TransportVersion.zero();
  }
}
