package dev.m3search.codecs.sparse;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.codecs.FieldsProducer;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.Terms;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.IOUtils;

/** Reads Lucene's postings and, for the fields that have them, the block maxima beside each field's terms. */
final class BlockMaxSparseReader extends FieldsProducer {
  private final FieldsProducer postings;
  private final IndexInput data;
  private final Map<String, FieldBlockMaxima> maxima = new HashMap<>();

  BlockMaxSparseReader(SegmentReadState state, FieldsProducer postings) throws IOException {
    this.postings = postings;
    String metaName = IndexFileNames.segmentFileName(state.segmentInfo.name, state.segmentSuffix,
        BlockMaxSparsePostingsFormat.META_EXTENSION);
    String dataName = IndexFileNames.segmentFileName(state.segmentInfo.name, state.segmentSuffix,
        BlockMaxSparsePostingsFormat.DATA_EXTENSION);
    IndexInput dataIn = state.directory.openInput(dataName, state.context);
    boolean success = false;
    try {
      CodecUtil.checkIndexHeader(dataIn, BlockMaxSparsePostingsFormat.DATA_CODEC, BlockMaxSparsePostingsFormat.VERSION_START,
          BlockMaxSparsePostingsFormat.VERSION_CURRENT, state.segmentInfo.getId(), state.segmentSuffix);
      CodecUtil.retrieveChecksum(dataIn);
      try (ChecksumIndexInput meta = state.directory.openChecksumInput(metaName)) {
        Throwable failure = null;
        try {
          CodecUtil.checkIndexHeader(meta, BlockMaxSparsePostingsFormat.META_CODEC, BlockMaxSparsePostingsFormat.VERSION_START,
              BlockMaxSparsePostingsFormat.VERSION_CURRENT, state.segmentInfo.getId(), state.segmentSuffix);
          for (int number = meta.readInt(); number != -1; number = meta.readInt()) {
            FieldInfo field = state.fieldInfos.fieldInfo(number);
            if (field == null) {
              throw new CorruptIndexException("block maxima for unknown field " + number, meta);
            }
            maxima.put(field.name, FieldBlockMaxima.read(meta, dataIn));
          }
        } catch (Throwable t) {
          failure = t;
        } finally {
          CodecUtil.checkFooter(meta, failure);
        }
      }
      success = true;
    } finally {
      if (success == false) {
        IOUtils.closeWhileHandlingException(dataIn);
      }
    }
    this.data = dataIn;
  }

  @Override
  public Iterator<String> iterator() {
    return postings.iterator();
  }

  @Override
  public Terms terms(String field) throws IOException {
    Terms terms = postings.terms(field);
    FieldBlockMaxima fieldMaxima = maxima.get(field);
    return terms == null || fieldMaxima == null ? terms : new BlockMaximaTerms(terms, fieldMaxima);
  }

  @Override
  public int size() {
    return postings.size();
  }

  @Override
  public void checkIntegrity() throws IOException {
    postings.checkIntegrity();
    CodecUtil.checksumEntireFile(data);
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(data, postings);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(fields with block maxima=" + maxima.keySet() + ", postings=" + postings + ")";
  }
}
