package dev.m3search.elasticsearch.mapper;

import dev.m3search.codecs.LegFields;
import java.util.Map;
import org.apache.lucene.search.Query;
import org.elasticsearch.index.mapper.IndexType;
import org.elasticsearch.index.mapper.MappedFieldType;
import org.elasticsearch.index.mapper.SourceValueFetcher;
import org.elasticsearch.index.mapper.ValueFetcher;
import org.elasticsearch.index.query.SearchExecutionContext;

/** An {@code m3} field: its legs' Lucene fields and dimensions. */
public final class M3FieldType extends MappedFieldType {
  private final int denseDimension;
  private final int tokenDimension;
  private final boolean tokenVectors;

  M3FieldType(String name, int denseDimension, int tokenDimension, boolean tokenVectors, Map<String, String> meta) {
    super(name, IndexType.vectors(), false, meta);
    this.denseDimension = denseDimension;
    this.tokenDimension = tokenDimension;
    this.tokenVectors = tokenVectors;
  }

  public LegFields legs() {
    return LegFields.of(name());
  }

  public int denseDimension() {
    return denseDimension;
  }

  public int tokenDimension() {
    return tokenDimension;
  }

  /** Whether the field has a ColBERT leg ({@code "token_vectors"}, true by default). */
  public boolean hasTokenVectors() {
    return tokenVectors;
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
