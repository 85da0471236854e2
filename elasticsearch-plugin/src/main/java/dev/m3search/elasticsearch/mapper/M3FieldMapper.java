package dev.m3search.elasticsearch.mapper;

import dev.m3search.plugin.M3Field;
import java.io.IOException;
import java.util.Map;
import org.elasticsearch.index.mapper.DocumentParserContext;
import org.elasticsearch.index.mapper.FieldMapper;
import org.elasticsearch.index.mapper.MapperBuilderContext;
import org.elasticsearch.index.mapper.MapperParsingException;

/**
 * Maps the {@code m3} type: a document gives the dense vector, sparse weights and token vectors of
 * its text under one field, and they are indexed as the embedded engine indexes them ({@link
 * dev.m3search.codecs.LegFields#fields}), in the field's legs {@code name.dense}, {@code
 * name.sparse} and {@code name.colbert}. The token mode is the index codec's (see {@link
 * dev.m3search.elasticsearch.codec.M3ElasticsearchCodec}): Elasticsearch builds a plugin's codec
 * without the mappings.
 *
 * <pre>{"type": "m3", "dims": 1024, "token_dims": 1024, "token_vectors": true}</pre>
 */
public final class M3FieldMapper extends FieldMapper {
  public static final String CONTENT_TYPE = "m3";
  public static final TypeParser PARSER = new TypeParser((name, context) -> new Builder(name));

  private final int denseDimension;
  /** As mapped: 0 means as {@code dims}. */
  private final int tokenDimension;
  private final boolean tokenVectors;

  private M3FieldMapper(String leafName, M3FieldType type, BuilderParams params, Builder builder) {
    super(leafName, type, params);
    this.denseDimension = builder.dims.getValue();
    this.tokenDimension = builder.tokenDims.getValue();
    this.tokenVectors = builder.tokenVectors.getValue();
  }

  private static M3FieldMapper cast(Object mapper) {
    return (M3FieldMapper) mapper;
  }

  /** Mapping parameters; none can change once the field exists, since they decide how it is stored. */
  public static final class Builder extends FieldMapper.Builder {
    private final Parameter<Integer> dims =
        Parameter.intParam("dims", false, m -> cast(m).denseDimension, 0).addValidator(v -> M3Field.checkDimensionParameter("dims", v));
    private final Parameter<Integer> tokenDims =
        Parameter.intParam("token_dims", false, m -> cast(m).tokenDimension, 0)
            .addValidator(v -> M3Field.checkDimensionParameter("token_dims", v));
    private final Parameter<Boolean> tokenVectors =
        Parameter.boolParam("token_vectors", false, m -> cast(m).tokenVectors, true);
    private final Parameter<Map<String, String>> meta = Parameter.metaParam();

    Builder(String name) {
      super(name);
    }

    @Override
    protected Parameter<?>[] getParameters() {
      return new Parameter<?>[] {dims, tokenDims, tokenVectors, meta};
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public M3FieldMapper build(MapperBuilderContext context) {
      M3Field field;
      try {
        field = M3Field.ofMapping(context.buildFullName(leafName()), dims.getValue(), tokenDims.getValue(), tokenVectors.getValue());
      } catch (IllegalArgumentException e) {
        throw new MapperParsingException(e.getMessage());
      }
      return new M3FieldMapper(leafName(), new M3FieldType(field, meta.getValue()), builderParams(this, context), this);
    }
  }

  @Override
  public M3FieldType fieldType() {
    return (M3FieldType) super.fieldType();
  }

  @Override
  public FieldMapper.Builder getMergeBuilder() {
    return new Builder(leafName()).init(this);
  }

  @Override
  protected String contentType() {
    return CONTENT_TYPE;
  }

  /** The value is a JSON object of the three representations. */
  @Override
  protected boolean supportsParsingObject() {
    return true;
  }

  /** Any exception here becomes a 400 {@code document_parsing_exception} for this document only. */
  @Override
  protected void parseCreateField(DocumentParserContext context) throws IOException {
    fieldType().spec().read(new XContentSource(context.parser())).forEach(context.doc()::add);
  }
}
