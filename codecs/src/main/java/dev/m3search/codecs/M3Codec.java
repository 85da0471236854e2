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
 * The m3search codec: Lucene's default codec, with the three legs routed to their own per-field
 * formats. Per-field formats record their name in each segment, so a segment written with one
 * leg format stays readable after the routing below changes.
 */
public final class M3Codec extends FilterCodec {
  /** SPI name, recorded in every segment this codec writes. */
  public static final String NAME = "M3Codec";

  private final M3FieldFormats formats;
  private final Lucene104Codec base;

  private final PostingsFormat postings =
      new PerFieldPostingsFormat() {
        @Override
        public PostingsFormat getPostingsFormatForField(String field) {
          return M3Fields.SPARSE.equals(field)
              ? formats.sparsePostings()
              : base.getPostingsFormatForField(field);
        }
      };

  private final KnnVectorsFormat vectors =
      new PerFieldKnnVectorsFormat() {
        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
          return M3Fields.DENSE.equals(field)
              ? formats.denseVectors()
              : base.getKnnVectorsFormatForField(field);
        }
      };

  private final DocValuesFormat docValues =
      new PerFieldDocValuesFormat() {
        @Override
        public DocValuesFormat getDocValuesFormatForField(String field) {
          return M3Fields.COLBERT.equals(field)
              ? formats.tokenVectors()
              : base.getDocValuesFormatForField(field);
        }
      };

  /** Used by SPI to read segments; writes with the default leg formats. */
  public M3Codec() {
    this(M3FieldFormats.defaults());
  }

  /** A codec that writes the legs with the given formats. */
  public M3Codec(M3FieldFormats formats) {
    this(formats, new Lucene104Codec());
  }

  private M3Codec(M3FieldFormats formats, Lucene104Codec base) {
    super(NAME, base);
    this.formats = formats;
    this.base = base;
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
