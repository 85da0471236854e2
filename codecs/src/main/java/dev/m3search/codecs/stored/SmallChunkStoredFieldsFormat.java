package dev.m3search.codecs.stored;

import java.io.IOException;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.StoredFieldsReader;
import org.apache.lucene.codecs.StoredFieldsWriter;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.lucene90.Lucene90StoredFieldsFormat;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.SegmentInfo;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;

/**
 * Stored fields in small LZ4 chunks, for a search that reads a page of hits: Lucene's compressing
 * stored fields ({@link Lucene90CompressingStoredFieldsFormat}) with {@link CompressionMode#FAST}
 * and chunks of {@value #CHUNK_BYTES} bytes or {@value #MAX_DOCS_PER_CHUNK} documents, so reading
 * one document decompresses at most one chunk, and stops at the document's end. Lucene's default
 * ({@link Lucene90StoredFieldsFormat}, best speed) decompresses a preset dictionary and an 8 KiB
 * sub-block of an 80 KiB block for every document it reads, which made loading the top 10 as
 * costly as the dense leg's search that found them.
 *
 * <p>The files are Lucene's ({@code .fdt}, {@code .fdx}, {@code .fdm}, headers named {@value
 * #FORMAT_NAME}). Like {@link Lucene90StoredFieldsFormat}'s mode, the format is recorded in a
 * segment attribute, {@value #FORMAT_KEY}; a segment without it was written before this format
 * existed, and is read by the format given as the earlier one.
 */
public final class SmallChunkStoredFieldsFormat extends StoredFieldsFormat {
  /** The segment attribute naming the stored fields' format. */
  public static final String FORMAT_KEY = "M3StoredFields.format";

  /** The attribute's value, and the name in the files' headers. */
  public static final String FORMAT_NAME = "M3StoredFieldsSmallChunks";

  static final int CHUNK_BYTES = 2048;
  static final int MAX_DOCS_PER_CHUNK = 128;
  /** Chunks per block of the index into the chunks (Lucene's value). */
  private static final int BLOCK_SHIFT = 10;

  private final StoredFieldsFormat chunks =
      new Lucene90CompressingStoredFieldsFormat(FORMAT_NAME, CompressionMode.FAST, CHUNK_BYTES, MAX_DOCS_PER_CHUNK, BLOCK_SHIFT);
  private final StoredFieldsFormat earlier;

  /** @param earlier reads the segments written without the attribute */
  public SmallChunkStoredFieldsFormat(StoredFieldsFormat earlier) {
    this.earlier = earlier;
  }

  @Override
  public StoredFieldsReader fieldsReader(Directory directory, SegmentInfo si, FieldInfos fn, IOContext context)
      throws IOException {
    return FORMAT_NAME.equals(si.getAttribute(FORMAT_KEY))
        ? chunks.fieldsReader(directory, si, fn, context)
        : earlier.fieldsReader(directory, si, fn, context);
  }

  @Override
  public StoredFieldsWriter fieldsWriter(Directory directory, SegmentInfo si, IOContext context) throws IOException {
    String previous = si.putAttribute(FORMAT_KEY, FORMAT_NAME);
    if (previous != null && !previous.equals(FORMAT_NAME)) {
      throw new IllegalStateException(
          "segment " + si.name + " already has stored fields in format " + previous + ", not " + FORMAT_NAME);
    }
    return chunks.fieldsWriter(directory, si, context);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(chunkBytes=" + CHUNK_BYTES + ", maxDocsPerChunk=" + MAX_DOCS_PER_CHUNK + ")";
  }
}
