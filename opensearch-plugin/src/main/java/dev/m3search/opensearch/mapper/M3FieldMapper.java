package dev.m3search.opensearch.mapper;

import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.plugin.M3Field;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.opensearch.index.mapper.MapperParsingException;
import org.opensearch.index.mapper.ParametrizedFieldMapper;
import org.opensearch.index.mapper.ParseContext;

/**
 * Maps the {@code m3} type: a document gives the dense vector, sparse weights and token vectors of
 * its text under one field, and they are indexed as the embedded engine indexes them ({@link
 * dev.m3search.codecs.LegFields#fields}), in the field's legs {@code name.dense} (HNSW, dot
 * product), {@code name.sparse} (FeatureField impacts) and {@code name.colbert} (m3search's
 * late-interaction format).
 *
 * <pre>{"type": "m3", "dims": 1024, "token_dims": 1024, "token_mode": "2bit"}</pre>
 *
 * <p>With {@code "token_vectors": false} the field has two legs, dense and sparse, for a model
 * that gives no token vectors (e5-small-v2): its documents give none, and its queries may not rank
 * by ColBERT or weigh it.
 */
public final class M3FieldMapper extends ParametrizedFieldMapper {
  public static final String CONTENT_TYPE = "m3";
  public static final TypeParser PARSER = new TypeParser((name, context) -> new Builder(name));

  private final int denseDimension;
  private final int tokenDimension;
  private final String tokenMode;
  private final boolean tokenVectors;

  private M3FieldMapper(String simpleName, M3FieldType type, MultiFields multiFields, CopyTo copyTo, Builder builder) {
    super(simpleName, type, multiFields, copyTo);
    this.denseDimension = builder.dims.getValue();
    this.tokenDimension = builder.tokenDims.getValue();
    this.tokenMode = builder.tokenMode.getValue();
    this.tokenVectors = builder.tokenVectors.getValue();
  }

  private static M3FieldMapper cast(Object mapper) {
    return (M3FieldMapper) mapper;
  }

  /** Mapping parameters; none can change once the field exists, since they decide how it is stored. */
  public static final class Builder extends ParametrizedFieldMapper.Builder {
    private final Parameter<Integer> dims =
        Parameter.intParam("dims", false, m -> cast(m).denseDimension, 0).setValidator(v -> M3Field.checkDimensionParameter("dims", v));
    private final Parameter<Integer> tokenDims =
        Parameter.intParam("token_dims", false, m -> cast(m).tokenDimension, 0).setValidator(v -> M3Field.checkDimensionParameter("token_dims", v));
    // the embedded engine's default (StorageModes.defaults): 2bit, chosen in issue 7's measurements
    private final Parameter<String> tokenMode = Parameter.restrictedStringParam(
        "token_mode", false, m -> cast(m).tokenMode, modes());
    private final Parameter<Boolean> tokenVectors =
        Parameter.boolParam("token_vectors", false, m -> cast(m).tokenVectors, true);
    private final Parameter<Map<String, String>> meta = Parameter.metaParam();

    Builder(String name) {
      super(name);
    }

    @Override
    protected List<Parameter<?>> getParameters() {
      return List.of(dims, tokenDims, tokenMode, tokenVectors, meta);
    }

    @Override
    public M3FieldMapper build(BuilderContext context) {
      M3Field field;
      try {
        field = M3Field.ofMapping(buildFullName(context), dims.getValue(), tokenDims.getValue(), tokenVectors.getValue());
      } catch (IllegalArgumentException e) {
        throw new MapperParsingException(e.getMessage());
      }
      M3FieldType type = new M3FieldType(field, TokenVectorMode.parse(tokenMode.getValue()), meta.getValue());
      return new M3FieldMapper(name, type, multiFieldsBuilder.build(this, context), copyTo.build(), this);
    }

    /** The valid modes, the default first (as {@code restrictedStringParam} takes them). */
    private static String[] modes() {
      return java.util.stream.Stream.concat(
              java.util.stream.Stream.of(TokenVectorMode.BIT2),
              java.util.Arrays.stream(TokenVectorMode.values()).filter(mode -> mode != TokenVectorMode.BIT2))
          .map(TokenVectorMode::label)
          .toArray(String[]::new);
    }
  }

  @Override
  public M3FieldType fieldType() {
    return (M3FieldType) super.fieldType();
  }

  @Override
  public ParametrizedFieldMapper.Builder getMergeBuilder() {
    return new Builder(simpleName()).init(this);
  }

  @Override
  protected String contentType() {
    return CONTENT_TYPE;
  }

  /** Any exception here becomes a 400 {@code mapper_parsing_exception} for this document only. */
  @Override
  protected void parseCreateField(ParseContext context) throws IOException {
    // the token mode is the codec's, per field (M3AdditionalCodecs)
    fieldType().spec().read(new XContentSource(context.parser())).forEach(context.doc()::add);
  }
}
