/**
 * The m3search codec.
 *
 * <p>{@link dev.m3search.codecs.M3Lucene104Codec} extends Lucene's {@code Lucene104Codec} and routes
 * the three legs of a BGE-M3-style encoding to their own formats through Lucene's per-field hooks:
 *
 * <ul>
 *   <li>{@code dense}: one L2-normalised vector per document in an HNSW graph, float32 or quantised
 *       to 8, 4, 2 or 1 bits by Lucene's {@code Lucene104HnswScalarQuantizedVectorsFormat} ({@link
 *       dev.m3search.codecs.DenseVectorMode}); quantised modes keep the float vectors for rescoring;
 *   <li>{@code sparse}: Lucene's block postings with block-max impacts ({@code Lucene104}) — one
 *       term per token id with the learned weight in the term frequency as {@link
 *       org.apache.lucene.document.FeatureField} encodes it (9 significant bits), or one term per
 *       analysed word scored with BM25. Optionally ({@code M3FieldFormats.withBlockMaxSparse}) our
 *       {@code M3BlockMaxSparse104}, which adds each term's greatest weight per block of 16
 *       documents for block-max pruning ({@link dev.m3search.codecs.sparse}); searches use Lucene's
 *       MaxScore and do not need them;
 *   <li>{@code colbert}: the token vectors of a document in the late-interaction format ({@link
 *       dev.m3search.codecs.lateinteraction}), in the token mode the formats are configured with.
 * </ul>
 *
 * <p>{@link dev.m3search.codecs.M3FieldFormats} configures the legs' formats (dense mode, token
 * mode, block maxima) and {@link dev.m3search.codecs.M3Lucene104Codec} takes it in its constructor;
 * each per-field format records its name and each segment its modes, so any configuration reads
 * every segment, and a merge writes the configuration's formats.
 *
 * <p>The codec's name carries the Lucene codec it extends, so a later Lucene codec gets a new
 * m3search codec beside this one and today's segments stay readable. {@link
 * dev.m3search.codecs.M3CodecV0} reads segments of m3search 0.1 (codec {@code M3Codec}; the test
 * index {@code m3codec-v0.zip} is one).
 */
package dev.m3search.codecs;
