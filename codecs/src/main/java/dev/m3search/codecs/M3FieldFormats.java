package dev.m3search.codecs;

import dev.m3search.codecs.lateinteraction.M3LateInteractionFormat;
import dev.m3search.codecs.sparse.BlockMaxSparsePostingsFormat;
import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.PostingsFormat;

/**
 * The formats behind the three legs: HNSW in the chosen {@link DenseVectorMode} for dense vectors,
 * Lucene's block postings with block-max impacts and per-block maxima for the sparse leg ({@link BlockMaxSparsePostingsFormat}), and the late-interaction
 * format for token vectors (whose mode each field names, see {@link
 * dev.m3search.codecs.lateinteraction.TokenVectorMode}).
 */
public record M3FieldFormats(DenseVectorMode denseMode) {

  public static M3FieldFormats defaults() {
    return new M3FieldFormats(DenseVectorMode.FLOAT32);
  }

  public KnnVectorsFormat denseVectors() {
    return denseMode.format();
  }

  public PostingsFormat sparsePostings() {
    return new BlockMaxSparsePostingsFormat();
  }

  public DocValuesFormat tokenVectors() {
    return new M3LateInteractionFormat();
  }
}
