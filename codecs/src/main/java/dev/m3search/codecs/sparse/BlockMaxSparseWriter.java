package dev.m3search.codecs.sparse;

import static dev.m3search.codecs.sparse.BlockMaxSparsePostingsFormat.BLOCK_SHIFT;

import java.io.IOException;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.codecs.FieldsConsumer;
import org.apache.lucene.codecs.NormsProducer;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.Fields;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * Writes the postings through Lucene's writer, then the block maxima of the fields that get them.
 * A merge goes through {@link #write} with the merged fields (deleted documents gone, doc ids
 * remapped), so maxima are always computed afresh from the postings they describe.
 */
final class BlockMaxSparseWriter extends FieldsConsumer {
  private final SegmentWriteState state;
  private final FieldsConsumer postings;
  private final IndexOutput meta;
  private final IndexOutput data;
  private boolean closed;

  BlockMaxSparseWriter(SegmentWriteState state, FieldsConsumer postings) throws IOException {
    this.state = state;
    this.postings = postings;
    IndexOutput metaOut = null;
    IndexOutput dataOut = null;
    boolean success = false;
    try {
      metaOut = state.directory.createOutput(fileName(state, BlockMaxSparsePostingsFormat.META_EXTENSION), state.context);
      dataOut = state.directory.createOutput(fileName(state, BlockMaxSparsePostingsFormat.DATA_EXTENSION), state.context);
      CodecUtil.writeIndexHeader(metaOut, BlockMaxSparsePostingsFormat.META_CODEC,
          BlockMaxSparsePostingsFormat.VERSION_CURRENT, state.segmentInfo.getId(), state.segmentSuffix);
      CodecUtil.writeIndexHeader(dataOut, BlockMaxSparsePostingsFormat.DATA_CODEC,
          BlockMaxSparsePostingsFormat.VERSION_CURRENT, state.segmentInfo.getId(), state.segmentSuffix);
      success = true;
    } finally {
      if (success == false) {
        IOUtils.closeWhileHandlingException(metaOut, dataOut);
      }
    }
    this.meta = metaOut;
    this.data = dataOut;
  }

  static String fileName(SegmentWriteState state, String extension) {
    return IndexFileNames.segmentFileName(state.segmentInfo.name, state.segmentSuffix, extension);
  }

  @Override
  public void write(Fields fields, NormsProducer norms) throws IOException {
    postings.write(fields, norms);
    for (String field : fields) {
      FieldInfo info = state.fieldInfos.fieldInfo(field);
      Terms terms = fields.terms(field);
      if (info != null && terms != null && BlockMaxSparsePostingsFormat.hasBlockMaxima(info)) {
        writeField(info, terms);
      }
    }
  }

  /** Meta: field number, block shift, term count, then per term its bytes, block count, data offset and data length. */
  private void writeField(FieldInfo info, Terms terms) throws IOException {
    ByteBuffersDataOutput fieldTerms = new ByteBuffersDataOutput();
    int termCount = 0;
    TermsEnum termsEnum = terms.iterator();
    PostingsEnum docs = null;
    for (BytesRef term = termsEnum.next(); term != null; term = termsEnum.next()) {
      docs = termsEnum.postings(docs, PostingsEnum.FREQS);
      long offset = data.getFilePointer();
      int blocks = writeBlockMaxima(docs);
      if (blocks > 0) { // a merge may see terms whose every posting was deleted
        fieldTerms.writeVInt(term.length);
        fieldTerms.writeBytes(term.bytes, term.offset, term.length);
        fieldTerms.writeVInt(blocks);
        fieldTerms.writeVLong(offset);
        fieldTerms.writeVInt(Math.toIntExact(data.getFilePointer() - offset));
        termCount++;
      }
    }
    meta.writeInt(info.number);
    meta.writeVInt(BLOCK_SHIFT);
    meta.writeVInt(termCount);
    fieldTerms.copyTo(meta);
  }

  /** Data: per block holding the term, the gap from the previous block and the greatest frequency. */
  private int writeBlockMaxima(PostingsEnum docs) throws IOException {
    int blocks = 0;
    int block = -1;
    int max = 0;
    int previousWritten = -1;
    for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
      int docBlock = doc >>> BLOCK_SHIFT;
      if (docBlock != block) {
        if (block >= 0) {
          data.writeVInt(block - previousWritten);
          data.writeVInt(max);
          previousWritten = block;
          blocks++;
        }
        block = docBlock;
        max = 0;
      }
      max = Math.max(max, docs.freq());
    }
    if (block >= 0) {
      data.writeVInt(block - previousWritten);
      data.writeVInt(max);
      blocks++;
    }
    return blocks;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    boolean success = false;
    try {
      meta.writeInt(-1); // no more fields
      CodecUtil.writeFooter(meta);
      CodecUtil.writeFooter(data);
      success = true;
    } finally {
      if (success) {
        IOUtils.close(meta, data, postings);
      } else {
        IOUtils.closeWhileHandlingException(meta, data, postings);
      }
    }
  }
}
