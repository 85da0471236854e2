package dev.m3search.opensearch.mapper;

import dev.m3search.codecs.LegFields;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import java.util.Map;
import org.apache.lucene.search.Query;
import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.index.mapper.SourceValueFetcher;
import org.opensearch.index.mapper.TextSearchInfo;
import org.opensearch.index.mapper.ValueFetcher;
import org.opensearch.index.query.QueryShardContext;
import org.opensearch.search.lookup.SearchLookup;

/** An {@code m3} field: its legs' Lucene fields, dimensions and token-vector storage. */
public final class M3FieldType extends MappedFieldType {
  private final int denseDimension;
  private final int tokenDimension;
  private final TokenVectorMode tokenMode;
  private final boolean tokenVectors;

  M3FieldType(
      String name, int denseDimension, int tokenDimension, TokenVectorMode tokenMode, boolean tokenVectors,
      Map<String, String> meta) {
    super(name, true, false, false, TextSearchInfo.NONE, meta);
    this.denseDimension = denseDimension;
    this.tokenDimension = tokenDimension;
    this.tokenMode = tokenMode;
    this.tokenVectors = tokenVectors;
  }

  /** Whether the field has a ColBERT leg ({@code "token_vectors"}, true by default). */
  public boolean hasTokenVectors() {
    return tokenVectors;
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
