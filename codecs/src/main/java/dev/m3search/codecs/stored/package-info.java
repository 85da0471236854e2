/**
 * Stored fields for an engine that reads a page of hits per search: {@link
 * dev.m3search.codecs.stored.SmallChunkStoredFieldsFormat}, Lucene's compressing stored fields in
 * small LZ4 chunks, recorded per segment so that segments of Lucene's default format stay readable.
 */
package dev.m3search.codecs.stored;
