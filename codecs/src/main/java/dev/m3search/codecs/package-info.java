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
 *   <li>{@code sparse}: Lucene's block postings with block-max impacts — one term per token id with
 *       the learned weight in the term frequency as {@link org.apache.lucene.document.FeatureField}
 *       encodes it (9 significant bits), or one term per analysed word scored with BM25 — plus, for
 *       learned weights, each term's greatest weight per block of 16 documents for block-max
 *       pruning ({@link dev.m3search.codecs.sparse});
 *   <li>{@code colbert}: the token vectors of a document in the late-interaction format ({@link
 *       dev.m3search.codecs.lateinteraction}).
 * </ul>
 *
 * <p>The codec's name carries the Lucene codec it extends, so a later Lucene codec gets a new
 * m3search codec beside this one and today's segments stay readable. {@link
 * dev.m3search.codecs.M3CodecV0} reads segments of m3search 0.1.
 */
package dev.m3search.codecs;
