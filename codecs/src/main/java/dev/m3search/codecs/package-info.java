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
 *       {@code M3v1Lucene104BlockMaxSparse}, which adds each term's greatest weight per block of 16
 *       documents for block-max pruning ({@link dev.m3search.codecs.sparse}); searches use Lucene's
 *       MaxScore and do not need them;
 *   <li>{@code colbert}: the token vectors of a document in the late-interaction format ({@link
 *       dev.m3search.codecs.lateinteraction}), in the token mode the formats are configured with.
 * </ul>
 *
 * <p>{@link dev.m3search.codecs.M3FieldFormats} configures the legs' formats (dense mode, token
 * mode, block maxima) and {@link dev.m3search.codecs.M3Lucene104Codec} takes it in its constructor;
 * each per-field format records its name and each segment its modes, so any configuration reads
 * every segment, and a merge writes the configuration's formats. {@link dev.m3search.codecs.Leg}
 * names the three legs, for storage and search alike; {@link dev.m3search.codecs.LegRouting} says
 * which field holds which.
 *
 * <h2>Names</h2>
 *
 * <p>A segment records its codec's name and each field's format name, and is read through them
 * by Lucene's SPI, so a name is part of the on-disk format. Every SPI name m3search writes is
 * {@code M3v<n><Lucene base>[<what m3search adds>]}: {@code n} the version of m3search's format
 * under that name (1 for every name today; a change to what the name's files hold gets the next
 * number and a read-only class for the old one), then the SPI name of the Lucene codec or format it
 * extends, then what it adds, if anything:
 *
 * <ul>
 *   <li>{@code M3v1Lucene104}: the codec, {@link dev.m3search.codecs.M3Lucene104Codec}, over
 *       {@code Lucene104}; a later Lucene codec gets {@code M3v1Lucene105} beside it;
 *   <li>{@code M3v1Lucene104OpenSearch}: the same codec as the OpenSearch plugin builds it, over
 *       OpenSearch's default codec;
 *   <li>{@code M3v1Lucene90LateInteraction}: the late-interaction doc values format, over {@code
 *       Lucene90} doc values;
 *   <li>{@code M3v1Lucene104BlockMaxSparse}: the block-max sparse postings, over {@code Lucene104}
 *       postings.
 * </ul>
 *
 * <p>Stored fields have no per-field name: {@link
 * dev.m3search.codecs.stored.SmallChunkStoredFieldsFormat}, which an embedded index writes, records
 * itself in the segment attribute {@code M3StoredFields.format}, as Lucene's {@code
 * Lucene90StoredFieldsFormat} records its mode, and a segment without it is read by Lucene's
 * default stored fields; the files' headers name the format ({@code M3StoredFieldsSmallChunks}).
 *
 * <p>Names from before the scheme stay registered, each by a deprecated read-only class reading the
 * same files: codec {@code M3Lucene104} ({@link dev.m3search.codecs.M3Lucene104LegacyCodec}),
 * formats {@code M3LateInteraction10} and {@code M3BlockMaxSparse104}, the plugin's codec {@code
 * M3OpenSearch104}, and m3search 0.1's codec {@code M3Codec} ({@link
 * dev.m3search.codecs.M3CodecV0}, stock Lucene formats; the test index {@code m3codec-v0.zip} is
 * one). A merge writes today's names. The file headers inside ({@code M3LateInteractionMeta} and so
 * on) name files, not formats, and keep their own version numbers.
 */
package dev.m3search.codecs;
