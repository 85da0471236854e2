package dev.m3search.codecs;

import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.perfield.PerFieldDocValuesFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldPostingsFormat;

/**
 * The m3search codec for Lucene 10.4: {@link Lucene104Codec} with the three legs routed to their
 * own per-field formats. Its name carries the Lucene codec it extends, so when a later Lucene brings
 * a new default codec, m3search adds a codec beside this one and keeps reading today's segments
 * through this name. Per-field formats record their own names in each segment too.
 */
public final class M3Lucene104Codec extends FilterCodec {
  /** SPI name, recorded in every segment this codec writes. */
  public static final String NAME = "M3Lucene104";

  private final M3FieldFormats formats;
  private final Lucene104Codec base;
  private final PostingsFormat sparsePostings;
  private final KnnVectorsFormat denseVectors;
  private final DocValuesFormat tokenVectors;

  private final PostingsFormat postings =
      new PerFieldPostingsFormat() {
        @Override
        public PostingsFormat getPostingsFormatForField(String field) {
          return M3Fields.SPARSE.equals(field)
              ? sparsePostings
              : base.getPostingsFormatForField(field);
        }
      };

  private final KnnVectorsFormat vectors =
      new PerFieldKnnVectorsFormat() {
        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
          return M3Fields.DENSE.equals(field)
              ? denseVectors
              : base.getKnnVectorsFormatForField(field);
        }
      };

  private final DocValuesFormat docValues =
      new PerFieldDocValuesFormat() {
        @Override
        public DocValuesFormat getDocValuesFormatForField(String field) {
          return M3Fields.COLBERT.equals(field)
              ? tokenVectors
              : base.getDocValuesFormatForField(field);
        }
      };

  /** Used by SPI to read segments; writes with the default leg formats. */
  public M3Lucene104Codec() {
    this(M3FieldFormats.defaults());
  }

  /** A codec that writes the legs with the given formats. */
  public M3Lucene104Codec(M3FieldFormats formats) {
    this(formats, new Lucene104Codec());
  }

  private M3Lucene104Codec(M3FieldFormats formats, Lucene104Codec base) {
    super(NAME, base);
    this.formats = formats;
    this.base = base;
    this.sparsePostings = formats.sparsePostings();
    this.denseVectors = formats.denseVectors();
    this.tokenVectors = formats.tokenVectors();
  }

  /** The formats this codec writes the legs with. */
  public M3FieldFormats fieldFormats() {
    return formats;
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
