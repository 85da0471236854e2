package dev.m3search.elasticsearch.mapper;

import dev.m3search.plugin.M3Field;
import java.util.Map;
import org.apache.lucene.search.Query;
import org.elasticsearch.index.mapper.IndexType;
import org.elasticsearch.index.mapper.MappedFieldType;
import org.elasticsearch.index.mapper.SourceValueFetcher;
import org.elasticsearch.index.mapper.ValueFetcher;
import org.elasticsearch.index.query.SearchExecutionContext;

/** An {@code m3} field: its legs and dimensions ({@link M3Field}). */
public final class M3FieldType extends MappedFieldType {
  private final M3Field spec;

  M3FieldType(M3Field spec, Map<String, String> meta) {
    super(spec.name(), IndexType.vectors(), false, meta);
    this.spec = spec;
  }

  /** What the mapping says of the field, as both plugins read documents and check queries with it. */
  public M3Field spec() {
    return spec;
  }

  @Override
  public String typeName() {
    return M3FieldMapper.CONTENT_TYPE;
  }

  @Override
  public ValueFetcher valueFetcher(SearchExecutionContext context, String format) {
    return SourceValueFetcher.identity(name(), context, format);
  }

  @Override
  public Query termQuery(Object value, SearchExecutionContext context) {
    throw new IllegalArgumentException("[" + name() + "] is an m3 field: search it with the m3_hybrid query");
  }

  @Override
  public Query existsQuery(SearchExecutionContext context) {
    throw new IllegalArgumentException("[" + name() + "] is an m3 field: search it with the m3_hybrid query");
  }
}
