/**
 * The m3search codec.
 *
 * <p>{@link dev.m3search.codecs.M3Codec} wraps Lucene's default codec and routes the three legs of a
 * BGE-M3-style encoding to their own formats through Lucene's per-field hooks:
 *
 * <ul>
 *   <li>{@code dense}: one L2-normalised float vector per document, in an HNSW graph (dot product);
 *   <li>{@code sparse}: impact postings — one term per token (learned weights in the term frequency
 *       as {@link org.apache.lucene.document.FeatureField} encodes them) or per analysed word
 *       (frequencies and norms, scored with BM25);
 *   <li>{@code colbert}: the token vectors of a document, as one binary doc value.
 * </ul>
 *
 * <p>This release writes the stock Lucene formats behind the hooks; per-field formats record their
 * names in each segment, so later formats can replace them without breaking existing indexes.
 */
package dev.m3search.codecs;
