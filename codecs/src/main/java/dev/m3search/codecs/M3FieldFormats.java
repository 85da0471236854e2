package dev.m3search.codecs;

import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104PostingsFormat;
import org.apache.lucene.codecs.lucene90.Lucene90DocValuesFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * The formats behind the three legs. The defaults are Lucene's stock formats: HNSW for dense
 * vectors, block postings with impacts for sparse weights, binary doc values for token vectors.
 */
public record M3FieldFormats(
    KnnVectorsFormat denseVectors, PostingsFormat sparsePostings, DocValuesFormat tokenVectors) {

  /** HNSW graph parameters Lucene recommends for recall near 0.99 on small corpora. */
  public static final int HNSW_MAX_CONNECTIONS = 16;

  public static final int HNSW_BEAM_WIDTH = 100;

  public static M3FieldFormats defaults() {
    return new M3FieldFormats(
        new Lucene99HnswVectorsFormat(HNSW_MAX_CONNECTIONS, HNSW_BEAM_WIDTH),
        new Lucene104PostingsFormat(),
        new Lucene90DocValuesFormat());
  }
}
