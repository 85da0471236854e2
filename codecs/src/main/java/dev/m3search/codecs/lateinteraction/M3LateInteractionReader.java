package dev.m3search.codecs.lateinteraction;

import static dev.m3search.codecs.lateinteraction.M3LateInteractionFormat.*;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.codecs.DocValuesProducer;
import org.apache.lucene.codecs.lucene90.IndexedDISI;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.DocValuesSkipper;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.IOSupplier;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.packed.DirectMonotonicReader;

/** Reads binary fields of the late-interaction format; codes stay on disk, read by document. */
final class M3LateInteractionReader extends DocValuesProducer {
  private final Map<Integer, FieldEntry> fields = new HashMap<>();
  private final DocValuesProducer others;
  private final IndexInput data;
  private final int maxDoc;

  /** Everything the metadata file says about one binary field. */
  static final class FieldEntry {
    byte kind;
    TokenLayout layout;
    TokenVectorMode mode;
    long dataOffset;
    long dataLength;
    long docsOffset;
    long docsLength;
    short jumpTableEntries;
    byte denseRankPower;
    int count;
    long addressesOffset;
    DirectMonotonicReader.Meta addressesMeta;
    long addressesLength;
  }

  M3LateInteractionReader(SegmentReadState state, DocValuesProducer others) throws IOException {
    this.others = others;
    this.maxDoc = state.segmentInfo.maxDoc();
    String metaName =
        IndexFileNames.segmentFileName(state.segmentInfo.name, state.segmentSuffix, META_EXTENSION);
    int version = -1;
    try (ChecksumIndexInput meta = state.directory.openChecksumInput(metaName)) {
      Throwable failure = null;
      try {
        version =
            CodecUtil.checkIndexHeader(
                meta, META_CODEC, VERSION_START, VERSION_CURRENT, state.segmentInfo.getId(), state.segmentSuffix);
        readFields(meta, state.fieldInfos);
      } catch (Throwable t) {
        failure = t;
      } finally {
        CodecUtil.checkFooter(meta, failure);
      }
    }
    String dataName =
        IndexFileNames.segmentFileName(state.segmentInfo.name, state.segmentSuffix, DATA_EXTENSION);
    IndexInput input = state.directory.openInput(dataName, state.context);
    boolean success = false;
    try {
      int dataVersion =
          CodecUtil.checkIndexHeader(
              input, DATA_CODEC, VERSION_START, VERSION_CURRENT, state.segmentInfo.getId(), state.segmentSuffix);
      if (dataVersion != version) {
        throw new CorruptIndexException("format versions mismatch: meta=" + version + ", data=" + dataVersion, input);
      }
      CodecUtil.retrieveChecksum(input);
      success = true;
    } finally {
      if (success == false) {
        IOUtils.closeWhileHandlingException(input);
      }
    }
    this.data = input;
  }

  private void readFields(IndexInput meta, FieldInfos infos) throws IOException {
    for (int number = meta.readInt(); number != -1; number = meta.readInt()) {
      FieldInfo info = infos.fieldInfo(number);
      if (info == null || info.getDocValuesType() != DocValuesType.BINARY) {
        throw new CorruptIndexException("invalid binary field number: " + number, meta);
      }
      FieldEntry entry = new FieldEntry();
      entry.kind = meta.readByte();
      if (entry.kind == KIND_TOKENS) {
        int wire = meta.readVInt();
        entry.mode = TokenVectorMode.fromWireNumber(wire);
        if (entry.mode == null) {
          throw new CorruptIndexException("unknown token vector mode " + wire + " for field " + info.name, meta);
        }
        int dimension = meta.readVInt();
        entry.layout = TokenLayout.of(entry.mode, dimension);
        entry.layout.readStatistics(meta);
      } else if (entry.kind != KIND_BYTES) {
        throw new CorruptIndexException("unknown binary field kind " + entry.kind, meta);
      }
      entry.dataOffset = meta.readLong();
      entry.dataLength = meta.readLong();
      entry.docsOffset = meta.readLong();
      entry.docsLength = meta.readLong();
      entry.jumpTableEntries = meta.readShort();
      entry.denseRankPower = meta.readByte();
      entry.count = meta.readInt();
      entry.addressesOffset = meta.readLong();
      int blockShift = meta.readVInt();
      entry.addressesMeta = DirectMonotonicReader.loadMeta(meta, entry.count + 1L, blockShift);
      entry.addressesLength = meta.readLong();
      fields.put(number, entry);
    }
  }

  @Override
  public BinaryDocValues getBinary(FieldInfo field) throws IOException {
    FieldEntry entry = fields.get(field.number);
    if (entry == null || entry.count == 0) {
      return DocValues.emptyBinary();
    }
    IOSupplier<DocIdSetIterator> docs = () ->
        entry.docsOffset == -1
            ? DocIdSetIterator.all(maxDoc)
            : new IndexedDISI(
                data, entry.docsOffset, entry.docsLength, entry.jumpTableEntries, entry.denseRankPower, entry.count);
    LongValues addresses =
        DirectMonotonicReader.getInstance(
            entry.addressesMeta, data.randomAccessSlice(entry.addressesOffset, entry.addressesLength));
    IndexInput bytes = data.slice("binary values", entry.dataOffset, entry.dataLength);
    return entry.kind == KIND_TOKENS
        ? new TokenVectorValues(docs, addresses, bytes, entry.mode, entry.layout)
        : new StoredBinaryValues(docs, addresses, bytes);
  }

  @Override
  public NumericDocValues getNumeric(FieldInfo field) throws IOException {
    return others.getNumeric(field);
  }

  @Override
  public SortedDocValues getSorted(FieldInfo field) throws IOException {
    return others.getSorted(field);
  }

  @Override
  public SortedNumericDocValues getSortedNumeric(FieldInfo field) throws IOException {
    return others.getSortedNumeric(field);
  }

  @Override
  public SortedSetDocValues getSortedSet(FieldInfo field) throws IOException {
    return others.getSortedSet(field);
  }

  @Override
  public DocValuesSkipper getSkipper(FieldInfo field) throws IOException {
    return field.getDocValuesType() == DocValuesType.BINARY ? null : others.getSkipper(field);
  }

  @Override
  public void checkIntegrity() throws IOException {
    CodecUtil.checksumEntireFile(data);
    others.checkIntegrity();
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(data, others);
  }
}
