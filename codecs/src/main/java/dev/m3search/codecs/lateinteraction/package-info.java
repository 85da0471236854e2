/**
 * The late-interaction format: token vectors stored as codes by a layout, and scored on them by a
 * kernel.
 *
 * <p>{@link dev.m3search.codecs.lateinteraction.M3LateInteractionFormat} is a doc values format
 * configured, as Lucene's quantised vector formats are, by its constructor: {@code new
 * M3LateInteractionFormat(TokenVectorMode.BIT2)} writes token vectors as 2-bit codes. A binary
 * field whose field type marks it as token vectors ({@link
 * dev.m3search.codecs.lateinteraction.TokenVectorsField}, attribute {@code m3.tokens=vectors}; the
 * same in every segment, so a merge keeps it) is quantised on write in the format's mode; any other
 * binary field is kept byte for byte; other doc values types go to Lucene90.
 *
 * <h2>Modes per segment</h2>
 *
 * <p>Each segment records the mode it holds in its metadata file (below) and is read in that mode,
 * whatever mode the reading format is configured with; nothing is read from field attributes. A
 * new segment, and every merge, is written in the writing format's mode: segments in int8, 2bit,
 * float32 and int4 force-merged by a writer configured for 2bit give one 2bit segment. A merge
 * re-quantises what its sources read back (codes are relative to their segment's statistics), so
 * it cannot restore precision a source did not keep: merging 1bit segments into int8 gives int8
 * codes of the 1bit values. To raise precision, index again or recode from float32.
 *
 * <p>Segments written before the mode was the format's (format version 0 as now, the mode taken
 * from a field attribute {@code m3.tokens.mode}) have the same files and are read unchanged; a
 * merge recognises their token fields by that attribute.
 *
 * <h2>Files</h2>
 *
 * <p>Both files start with a {@link org.apache.lucene.codecs.CodecUtil} index header (segment id
 * and suffix) and end with a checksummed footer.
 *
 * <ul>
 *   <li>{@code .m3lm} (metadata, format version 0), per binary field: field number (int), kind
 *       (byte: 0 bytes, 1 tokens); for tokens, the segment's mode (its wire number, vint: 0
 *       float32, 1 int8, 2 int4, 3 2bit, 4 1bit), the dimension (vint) and the mode's
 *       segment statistics; then data offset and length (longs); docs-with-field offset (long: -1
 *       all documents, -2 none, else an {@link org.apache.lucene.codecs.lucene90.IndexedDISI} in the
 *       data file), its length (long), jump table entries (short), dense rank power (byte); the
 *       number of documents with a value (int); and the {@link
 *       org.apache.lucene.util.packed.DirectMonotonicWriter} addresses of each document's value
 *       (offset, block shift, its metadata, length). A field number of -1 ends the list.
 *   <li>{@code .m3ld} (data): each document's value, back to back, then the docs-with-field set
 *       and the addresses. A document's token count is its value's length divided by the mode's
 *       bytes per token, so nothing else is stored per document.
 * </ul>
 *
 * <h2>A document's value, by mode ({@code n} tokens, {@code D} dimensions, {@code W = ⌈D/64⌉})</h2>
 *
 * <ul>
 *   <li>{@code float32}: {@code n·D} little-endian floats. No statistics.
 *   <li>{@code int8}, {@code int4}: for each token its codes from {@link TokenQuantizer} (the
 *       method of Lucene's {@link org.apache.lucene.util.quantization.OptimizedScalarQuantizer})
 *       around the segment centroid
 *       ({@code D} bytes, or {@code ⌈D/2⌉} bytes with dimension {@code i} in the high nibble of byte
 *       {@code i} and dimension {@code i + D/2} in the low nibble); then four arrays of {@code n}:
 *       lower interval, upper interval, dot product with the centroid (floats) and code sum (ints).
 *       Statistics: the centroid ({@code D} floats).
 *   <li>{@code 2bit}: the same quantiser at 2 bits, codes bit-sliced: {@code 2·W·n} longs, word
 *       {@code (plane·W + w)·n + j} holding bit {@code plane} of dimensions {@code 64w..64w+63} of
 *       token {@code j}; then the four correction arrays. Statistics: the centroid.
 *   <li>{@code 1bit}: {@code W·n} longs, bit {@code i} of token {@code j} set when its dimension
 *       {@code i} lies above the segment centroid; nothing per token. Statistics: per dimension,
 *       {@code offset} (the mean of the values below the centroid) and {@code scale} (the gap to the
 *       mean above), {@code D} floats each.
 * </ul>
 *
 * <h2>Storage apart from scoring</h2>
 *
 * <p>A {@code TokenLayout} per mode knows only how codes are stored: the segment statistics it
 * learns before writing, how it encodes a document's tokens and lays out its value (above), and
 * how it reads a document's codes and per-token corrections back off the data file into arrays
 * the reader reuses ({@code FloatTokenLayout}, {@code ScalarTokenLayout} for int8 and int4,
 * {@code DibitTokenLayout}, {@code SignTokenLayout}; int8, int4 and 2bit share Lucene's quantiser
 * and the correction arrays in {@code OptimizedScalarTokenLayout}). A {@code MaxSimKernel} per
 * mode scores: built for one query on one segment's layout, it reads each document's codes
 * through the layout and computes MaxSim on them ({@code FloatMaxSim}, {@code ScalarMaxSim},
 * {@code DibitMaxSim}, {@code SignMaxSim}; {@code OptimizedScalarMaxSim} holds the estimate the
 * quantised ones share). {@code MaxSimKernel.of} pairs them, so a new mode is a layout and a
 * kernel, and the byte layout has one owner.
 *
 * <h2>Scoring</h2>
 *
 * <p>{@link dev.m3search.codecs.lateinteraction.SegmentMaxSim} (not a Lucene {@code Scorer}: it
 * scores the documents it is given) computes {@code (1/|q|) Σ_i max_j q_i·d_j} with the segment's
 * kernel. Per segment, a query token is quantised around the segment's statistics (8 bits against
 * int8, 4 bits otherwise) on Lucene's minimum-error interval without its iterative refinement,
 * 0.3 µs a token (vectorised). A document's codes are read from the data file into reused arrays
 * (no allocation), and pairs are estimated from the per-token correction terms. Bit-sliced codes
 * turn the dot products of one query token with all of a document's tokens into AND and popcount
 * over contiguous longs, one SIMD lane per document token when the JVM has {@code
 * jdk.incubator.vector} ({@code PanamaBitPlanes}), scalar code otherwise. Scores are the same bit
 * for bit from run to run on one machine ({@code TestRecordedMaxSimScores} holds a sample's).
 *
 * <h2>First pass</h2>
 *
 * <p>A kernel may also estimate MaxSim for a first pass over many documents ({@code
 * SegmentMaxSim.estimate}), so that a caller scores exactly only those that can still rank high.
 * The 2bit kernel's estimate reads a document's high plane and corrections only (the low plane is
 * skipped on the data file) and ANDs it with the query's two high planes: two of the eight plane
 * pairs, the other six products replaced by their means given each side's set bits (the formula is
 * {@code DibitMaxSim}'s). With AVX2 it costs a third of the exact score, with AVX-512 a half (its
 * reads cost the same either way). The other modes have no first pass: the estimate is the score.
 *
 * <h2>Merges</h2>
 *
 * <p>Codes are relative to their segment's statistics, so a merge re-quantises the values its
 * sources read back, in the writing format's mode, rather than copying codes. On msmarco-5k,
 * rewriting a float32 index into each mode this way gives the nDCG@10 listed in the README.
 */
package dev.m3search.codecs.lateinteraction;
