package dev.m3search.codecs.sparse;

import java.io.IOException;
import org.apache.lucene.codecs.FieldsConsumer;
import org.apache.lucene.codecs.FieldsProducer;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Reads postings that {@link BlockMaxSparsePostingsFormat} wrote under its name before names
 * carried the project's format version ({@code M3BlockMaxSparse104}, now {@value
 * BlockMaxSparsePostingsFormat#NAME}). The files are the same; this format only reads them. A
 * merge writes them with the writer's sparse postings, under today's name.
 */
@Deprecated
public final class M3BlockMaxSparse104LegacyFormat extends PostingsFormat {
  public static final String NAME = "M3BlockMaxSparse104";

  private final PostingsFormat current = new BlockMaxSparsePostingsFormat();

  public M3BlockMaxSparse104LegacyFormat() {
    super(NAME);
  }

  @Override
  public FieldsConsumer fieldsConsumer(SegmentWriteState state) {
    throw new UnsupportedOperationException(NAME + " is read-only; write with " + BlockMaxSparsePostingsFormat.NAME);
  }

  @Override
  public FieldsProducer fieldsProducer(SegmentReadState state) throws IOException {
    return current.fieldsProducer(state);
  }
}
