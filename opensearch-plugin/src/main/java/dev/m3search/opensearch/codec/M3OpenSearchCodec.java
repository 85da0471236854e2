package dev.m3search.opensearch.codec;

import dev.m3search.codecs.M3Lucene104Codec;
import java.util.Set;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.opensearch.index.codec.CodecAliases;

/**
 * The codec an index gets with {@code "index.codec": "m3search"}: {@link M3Lucene104Codec} over
 * OpenSearch's default codec, routing the legs of {@code m3} fields to m3search's formats. The
 * no-argument instance is the one Lucene's SPI finds by {@link #NAME} to read segments; every
 * per-field format it needs records its own name in the segment.
 *
 * <p>OpenSearch accepts an {@code index.codec} only if it names an SPI codec or one of the
 * {@linkplain CodecAliases aliases} an SPI codec declares; {@link M3AdditionalCodecs} then
 * supplies the instance that writes, built on the index's mappings.
 */
public final class M3OpenSearchCodec extends FilterCodec implements CodecAliases {
  /** SPI name, recorded in every segment this codec writes. */
  public static final String NAME = "M3v1Lucene104OpenSearch";
  /** The value of {@code index.codec} that selects this codec. */
  public static final String ALIAS = "m3search";

  /** Used by SPI to read segments. */
  public M3OpenSearchCodec() {
    this(new M3Lucene104Codec());
  }

  M3OpenSearchCodec(Codec writer) {
    super(NAME, writer);
  }

  @Override
  public Set<String> aliases() {
    return Set.of(ALIAS);
  }
}
