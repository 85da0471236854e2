/**
 * The sparse leg's postings format: Lucene's block postings with, beside them, the greatest weight
 * of each term in each block of 16 consecutive documents, so a learned-sparse query can prune
 * whole blocks of documents (block-max pruning, after Mallia, Suel and Tonellotto, "Faster
 * Learned Sparse Retrieval with Block-Max Pruning", SIGIR 2024).
 *
 * <p>Lucene's own impacts keep one maximum per 128 postings of a term. For a rare term those 128
 * postings spread over tens of thousands of documents, so the bound a document range gets from
 * them is loose. The maxima here are aligned on document ranges, the same for every term: summing
 * them over a query's terms bounds every document of a block, and a query visits blocks best
 * bound first until no block left can enter its top k.
 *
 * <p>Fields get block maxima when they keep term frequencies and omit norms: the signature of
 * {@link org.apache.lucene.document.FeatureField}, whose frequency encodes the weight (its 16 high
 * bits as a float). Fields with norms (text scored by BM25) are written as Lucene writes them.
 *
 * <h2>Files</h2>
 *
 * <p>Postings files are Lucene104PostingsFormat's. Two files are added, each with a {@code
 * CodecUtil} index header and a checksummed footer:
 *
 * <ul>
 *   <li><b>{@code .m3bmm}</b> (meta, read into the heap when the segment opens): per field with
 *       maxima, the field number (int), the block shift (vInt, 4: blocks of 16 documents) and the
 *       number of terms (vInt); then per term in the terms dictionary's order, its length (vInt)
 *       and bytes, the number of blocks holding it (vInt), where its maxima start in the data file
 *       (vLong) and how many bytes they take (vInt). An int -1 ends the fields.
 *   <li><b>{@code .m3bmd}</b> (data, read off-heap, one bulk read per query term): per term, per block holding it in increasing
 *       order, the gap from the previous block number (vInt, the first counted from -1) and the
 *       greatest frequency of the term in the block (vInt).
 * </ul>
 *
 * <p>A merge writes the merged postings and computes the maxima afresh from them, so deleted
 * documents drop out. Maxima written at a flush may still count documents deleted in that flush:
 * a bound that is too high costs time, never a result.
 */
package dev.m3search.codecs.sparse;
