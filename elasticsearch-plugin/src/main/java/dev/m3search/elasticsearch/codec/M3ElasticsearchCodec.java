package dev.m3search.elasticsearch.codec;

import dev.m3search.codecs.LegRouting;
import dev.m3search.codecs.M3FieldFormats;
import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import java.util.Locale;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;

/**
 * The codecs an index chooses with {@code "index.codec"}: {@link M3Lucene104Codec} over Lucene's
 * default codec, writing the legs of {@code m3} fields ({@code name.dense}, {@code name.sparse},
 * {@code name.colbert}) in m3search's formats, one codec per token-vector mode: {@value #NAME}
 * (2bit, the default) and {@value #NAME}{@code Float32}, {@code Int8}, {@code Int4}, {@code 1bit}.
 *
 * <p>Elasticsearch has no public hook for a plugin's codec or per-field formats: it offers every
 * codec Lucene's SPI finds in a plugin, under its SPI name, and builds it with no arguments, so
 * without the mappings. The legs are therefore recognised by their names' suffixes, the token mode
 * is the index's (not the field's), and the other fields of such an index are written by Lucene's
 * own formats, not Elasticsearch's (no zstd stored fields, no {@code _id} bloom filter, Lucene's
 * formats for {@code dense_vector} fields).
 */
public abstract class M3ElasticsearchCodec extends FilterCodec {
  /** SPI name of the default (2bit) codec, and the prefix of the others'. */
  public static final String NAME = "M3v1Lucene104Elasticsearch";

  M3ElasticsearchCodec(TokenVectorMode mode) {
    super(nameFor(mode), new M3Lucene104Codec(
        M3FieldFormats.defaults().withTokenMode(mode), new Lucene104Codec(), LegRouting.BY_SUFFIX));
  }

  /** The SPI name, and {@code index.codec} value, of the codec that stores token vectors in {@code mode}. */
  public static String nameFor(TokenVectorMode mode) {
    if (mode == TokenVectorMode.BIT2) {
      return NAME;
    }
    String label = mode.label();
    return NAME + Character.toUpperCase(label.charAt(0)) + label.substring(1).toLowerCase(Locale.ROOT);
  }

  /** Token vectors in 2bit codes, the default. */
  public static final class Bit2 extends M3ElasticsearchCodec {
    public Bit2() {
      super(TokenVectorMode.BIT2);
    }
  }

  /** Token vectors in 1bit codes. */
  public static final class Bit1 extends M3ElasticsearchCodec {
    public Bit1() {
      super(TokenVectorMode.BIT1);
    }
  }

  /** Token vectors in int4 codes. */
  public static final class Int4 extends M3ElasticsearchCodec {
    public Int4() {
      super(TokenVectorMode.INT4);
    }
  }

  /** Token vectors in int8 codes. */
  public static final class Int8 extends M3ElasticsearchCodec {
    public Int8() {
      super(TokenVectorMode.INT8);
    }
  }

  /** Token vectors as given, float32: scores that do not depend on the segment a document is in. */
  public static final class Float32 extends M3ElasticsearchCodec {
    public Float32() {
      super(TokenVectorMode.FLOAT32);
    }
  }
}
