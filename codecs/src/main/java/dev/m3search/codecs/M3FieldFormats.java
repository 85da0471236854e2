package dev.m3search.codecs;

import dev.m3search.codecs.lateinteraction.M3LateInteractionFormat;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.codecs.sparse.BlockMaxSparsePostingsFormat;
import java.util.Objects;
import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104PostingsFormat;

/**
 * The formats behind the three legs, configured as Lucene's formats are, by constructor: HNSW in
 * the chosen {@link DenseVectorMode} for dense vectors, the late-interaction format in {@code
 * tokenMode} for token vectors, and for the sparse leg Lucene's own block postings, or with {@code
 * blockMaxSparse} our {@link BlockMaxSparsePostingsFormat}, which adds each term's greatest weight
 * per block of 16 documents for {@code LearnedSparseQuery.topK} (searches use Lucene's MaxScore,
 * which does not need them). Segments written with either sparse format read back whatever the
 * configuration, since each per-field format records its name in the segment.
 *
 * @param denseMode how new segments and merges store dense vectors
 * @param tokenMode how new segments and merges store token vectors
 * @param blockMaxSparse whether the sparse leg also stores block maxima
 */
public record M3FieldFormats(DenseVectorMode denseMode, TokenVectorMode tokenMode, boolean blockMaxSparse) {

  public M3FieldFormats {
    Objects.requireNonNull(denseMode, "denseMode");
    Objects.requireNonNull(tokenMode, "tokenMode");
  }

  /** Lucene's postings for the sparse leg. */
  public M3FieldFormats(DenseVectorMode denseMode, TokenVectorMode tokenMode) {
    this(denseMode, tokenMode, false);
  }

  /** float32 dense vectors, 2bit token vectors ({@link M3LateInteractionFormat#DEFAULT_MODE}), Lucene's postings. */
  public static M3FieldFormats defaults() {
    return new M3FieldFormats(DenseVectorMode.FLOAT32, M3LateInteractionFormat.DEFAULT_MODE);
  }

  public M3FieldFormats withDenseMode(DenseVectorMode mode) {
    return new M3FieldFormats(mode, tokenMode, blockMaxSparse);
  }

  public M3FieldFormats withTokenMode(TokenVectorMode mode) {
    return new M3FieldFormats(denseMode, mode, blockMaxSparse);
  }

  public M3FieldFormats withBlockMaxSparse(boolean blockMax) {
    return new M3FieldFormats(denseMode, tokenMode, blockMax);
  }

  public KnnVectorsFormat denseVectors() {
    return denseMode.format();
  }

  /**
   * The sparse leg's postings: an instance of its own even when Lucene's, so the leg gets files of
   * its own ({@code _n_Lucene104_1.*}) and {@code info} can report its bytes.
   */
  public PostingsFormat sparsePostings() {
    return blockMaxSparse ? new BlockMaxSparsePostingsFormat() : new Lucene104PostingsFormat();
  }

  public DocValuesFormat tokenVectors() {
    return tokenVectors(tokenMode);
  }

  /** The late-interaction format writing {@code mode}. */
  public static DocValuesFormat tokenVectors(TokenVectorMode mode) {
    return new M3LateInteractionFormat(mode);
  }
}
