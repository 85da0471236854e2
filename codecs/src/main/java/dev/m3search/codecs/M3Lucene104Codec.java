package dev.m3search.codecs;

import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.codecs.stored.SmallChunkStoredFieldsFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.perfield.PerFieldDocValuesFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldPostingsFormat;

/**
 * The m3search codec for Lucene 10.4: {@link Lucene104Codec} with the three legs routed to their
 * own per-field formats. Its name, {@value #NAME}, carries m3search's format version and the Lucene
 * codec it extends (see the package documentation), so when a later Lucene brings a new default
 * codec, m3search adds a codec beside this one and keeps reading today's segments through this
 * name. Per-field formats record their own names in each segment too. Segments written under the
 * name this codec had before, {@code M3Lucene104}, are read by {@link M3Lucene104LegacyCodec}.
 *
 * <p>An embedded index stores its documents in {@link SmallChunkStoredFieldsFormat}, which reads
 * a page of hits without decompressing whole blocks; a host's codec keeps the host's stored fields.
 * Either way segments of Lucene's default stored fields stay readable: the format is recorded per
 * segment.
 */
public final class M3Lucene104Codec extends FilterCodec {
  /** SPI name, recorded in every segment this codec writes. */
  public static final String NAME = "M3v1Lucene104";

  private final M3FieldFormats formats;
  private final Lucene104Codec base;
  private final LegRouting routing;
  private final PostingsFormat sparsePostings;
  private final KnnVectorsFormat denseVectors;
  private final Function<String, TokenVectorMode> tokenModes;
  private final Map<TokenVectorMode, DocValuesFormat> tokenVectors = new EnumMap<>(TokenVectorMode.class);
  private final StoredFieldsFormat storedFields;

  private final PostingsFormat postings =
      new PerFieldPostingsFormat() {
        @Override
        public PostingsFormat getPostingsFormatForField(String field) {
          return routing.legOf(field) == Leg.SPARSE
              ? sparsePostings
              : base.getPostingsFormatForField(field);
        }
      };

  private final KnnVectorsFormat vectors =
      new PerFieldKnnVectorsFormat() {
        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
          return routing.legOf(field) == Leg.DENSE
              ? denseVectors
              : base.getKnnVectorsFormatForField(field);
        }
      };

  private final DocValuesFormat docValues =
      new PerFieldDocValuesFormat() {
        @Override
        public DocValuesFormat getDocValuesFormatForField(String field) {
          return routing.legOf(field) == Leg.COLBERT
              ? tokenVectorsFor(field)
              : base.getDocValuesFormatForField(field);
        }
      };

  /** Used by SPI to read segments; writes with the default leg formats. */
  public M3Lucene104Codec() {
    this(M3FieldFormats.defaults());
  }

  /** A codec that writes the legs with the given formats. */
  public M3Lucene104Codec(M3FieldFormats formats) {
    this(formats, new Lucene104Codec(), LegRouting.EMBEDDED, field -> formats.tokenMode(), true);
  }

  /**
   * A codec that writes the fields {@code routing} names with the legs' formats and every other
   * field as {@code base} does (for a host such as OpenSearch, whose default codec is a {@link
   * Lucene104Codec} with its own per-field choices). Segments read back through the SPI codec,
   * since each per-field format records its name in the segment.
   */
  public M3Lucene104Codec(M3FieldFormats formats, Lucene104Codec base, LegRouting routing) {
    this(formats, base, routing, field -> formats.tokenMode());
  }

  /**
   * As above, with each token-vector field written in the mode {@code tokenModes} gives it (a host
   * whose mappings choose a mode per field); a merge writes the mode the field has then.
   */
  public M3Lucene104Codec(
      M3FieldFormats formats, Lucene104Codec base, LegRouting routing, Function<String, TokenVectorMode> tokenModes) {
    this(formats, base, routing, tokenModes, false);
  }

  private M3Lucene104Codec(M3FieldFormats formats, Lucene104Codec base, LegRouting routing,
      Function<String, TokenVectorMode> tokenModes, boolean smallChunks) {
    super(NAME, base);
    this.storedFields = smallChunks ? new SmallChunkStoredFieldsFormat(base.storedFieldsFormat()) : base.storedFieldsFormat();
    this.formats = formats;
    this.base = base;
    this.routing = routing;
    this.tokenModes = tokenModes;
    this.sparsePostings = formats.sparsePostings();
    this.denseVectors = formats.denseVectors();
  }

  /** One format instance per mode: fields of one mode share their files. */
  private synchronized DocValuesFormat tokenVectorsFor(String field) {
    TokenVectorMode mode = tokenModes.apply(field);
    return tokenVectors.computeIfAbsent(mode != null ? mode : formats.tokenMode(), M3FieldFormats::tokenVectors);
  }

  /** The formats this codec writes the legs with. */
  public M3FieldFormats fieldFormats() {
    return formats;
  }

  @Override
  public StoredFieldsFormat storedFieldsFormat() {
    return storedFields;
  }

  @Override
  public PostingsFormat postingsFormat() {
    return postings;
  }

  @Override
  public KnnVectorsFormat knnVectorsFormat() {
    return vectors;
  }

  @Override
  public DocValuesFormat docValuesFormat() {
    return docValues;
  }
}
