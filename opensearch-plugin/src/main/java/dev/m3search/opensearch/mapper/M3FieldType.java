package dev.m3search.opensearch.mapper;

import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.plugin.M3Field;
import java.util.Map;
import org.apache.lucene.search.Query;
import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.index.mapper.SourceValueFetcher;
import org.opensearch.index.mapper.TextSearchInfo;
import org.opensearch.index.mapper.ValueFetcher;
import org.opensearch.index.query.QueryShardContext;
import org.opensearch.search.lookup.SearchLookup;

/** An {@code m3} field: its legs, dimensions ({@link M3Field}) and token-vector storage. */
public final class M3FieldType extends MappedFieldType {
  private final M3Field spec;
  private final TokenVectorMode tokenMode;

  M3FieldType(M3Field spec, TokenVectorMode tokenMode, Map<String, String> meta) {
    super(spec.name(), true, false, false, TextSearchInfo.NONE, meta);
    this.spec = spec;
    this.tokenMode = tokenMode;
  }

  /** What the mapping says of the field, as both plugins read documents and check queries with it. */
  public M3Field spec() {
    return spec;
  }

  public TokenVectorMode tokenMode() {
    return tokenMode;
  }

  @Override
  public String typeName() {
    return M3FieldMapper.CONTENT_TYPE;
  }

  @Override
  public ValueFetcher valueFetcher(QueryShardContext context, SearchLookup searchLookup, String format) {
    return SourceValueFetcher.identity(name(), context, format);
  }

  @Override
  public Query termQuery(Object value, QueryShardContext context) {
    throw new IllegalArgumentException("[" + name() + "] is an m3 field: search it with the m3_hybrid query");
  }

  @Override
  public Query existsQuery(QueryShardContext context) {
    throw new IllegalArgumentException("[" + name() + "] is an m3 field: search it with the m3_hybrid query");
  }
}
