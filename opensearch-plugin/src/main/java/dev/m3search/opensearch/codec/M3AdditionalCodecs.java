package dev.m3search.opensearch.codec;

import dev.m3search.codecs.Leg;
import dev.m3search.codecs.LegRouting;
import dev.m3search.codecs.M3FieldFormats;
import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.opensearch.mapper.M3FieldType;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.opensearch.index.IndexSettings;
import org.opensearch.index.codec.AdditionalCodecs;
import org.opensearch.index.mapper.MapperService;

/** Registers {@link M3OpenSearchCodec#ALIAS} for an index, writing through the index's own default codec. */
public final class M3AdditionalCodecs implements AdditionalCodecs {

  @Override
  public Map<String, Codec> getCodecs(MapperService mapperService, IndexSettings indexSettings, Supplier<Codec> defaultCodec) {
    // OpenSearch's default codec is a Lucene104Codec with per-field choices of its own (completion postings)
    Lucene104Codec base = defaultCodec.get() instanceof Lucene104Codec lucene ? lucene : new Lucene104Codec();
    M3Lucene104Codec writer =
        new M3Lucene104Codec(M3FieldFormats.defaults(), base, routing(mapperService), tokenModes(mapperService));
    return Map.of(M3OpenSearchCodec.ALIAS, new M3OpenSearchCodec(writer));
  }

  /**
   * The legs of {@code m3} fields: {@code field.dense}, {@code field.sparse} and {@code
   * field.colbert} where {@code field} is mapped as {@code m3}. Without mappings (OpenSearch builds
   * some codec services without them) the suffix alone decides.
   */
  static LegRouting routing(MapperService mapperService) {
    return field -> {
      Leg leg = LegRouting.BY_SUFFIX.legOf(field);
      if (leg == null || mapperService == null) {
        return leg;
      }
      String owner = field.substring(0, field.lastIndexOf('.'));
      return mapperService.fieldType(owner) instanceof M3FieldType ? leg : null;
    };
  }

  /**
   * The token mode the {@code m3} field owning {@code field.colbert} maps ({@code token_mode}); null
   * (the formats' default) without mappings.
   */
  static Function<String, TokenVectorMode> tokenModes(MapperService mapperService) {
    return field -> {
      int dot = field.lastIndexOf('.');
      if (mapperService == null || dot < 0) {
        return null;
      }
      return mapperService.fieldType(field.substring(0, dot)) instanceof M3FieldType m3 ? m3.tokenMode() : null;
    };
  }
}
