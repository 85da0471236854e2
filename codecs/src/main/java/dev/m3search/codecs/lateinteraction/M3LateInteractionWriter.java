package dev.m3search.codecs.lateinteraction;

import static dev.m3search.codecs.lateinteraction.M3LateInteractionFormat.*;

import java.io.IOException;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.codecs.DocValuesConsumer;
import org.apache.lucene.codecs.DocValuesProducer;
import org.apache.lucene.codecs.lucene90.IndexedDISI;
import org.apache.lucene.document.LateInteractionField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.packed.DirectMonotonicWriter;
import org.apache.lucene.util.packed.PackedInts;
import org.apache.lucene.util.packed.PackedLongValues;

/**
 * Writes binary fields of the late-interaction format, token vectors in the format's mode. Merges
 * go through {@link DocValuesConsumer#mergeBinaryField}: the merged segment re-quantises the values
 * its sources read back (codes are relative to their own segment's statistics), in the writer's
 * mode whatever modes the sources hold, so a merge cannot restore precision a source did not keep.
 */
final class M3LateInteractionWriter extends DocValuesConsumer {
  /**
   * The field attribute through which segments written before the mode was the format's named it;
   * a merge of such segments still recognises their token fields by it (its value is not used).
   */
  static final String LEGACY_MODE_ATTRIBUTE = "m3.tokens.mode";

  private final DocValuesConsumer others;
  private final TokenVectorMode mode;
  private final int maxDoc;
  private IndexOutput meta;
  private IndexOutput data;

  M3LateInteractionWriter(SegmentWriteState state, DocValuesConsumer others, TokenVectorMode mode)
      throws IOException {
    this.others = others;
    this.mode = mode;
    this.maxDoc = state.segmentInfo.maxDoc();
    boolean success = false;
    try {
      String metaName =
          IndexFileNames.segmentFileName(state.segmentInfo.name, state.segmentSuffix, META_EXTENSION);
      meta = state.directory.createOutput(metaName, state.context);
      CodecUtil.writeIndexHeader(meta, META_CODEC, VERSION_CURRENT, state.segmentInfo.getId(), state.segmentSuffix);
      String dataName =
          IndexFileNames.segmentFileName(state.segmentInfo.name, state.segmentSuffix, DATA_EXTENSION);
      data = state.directory.createOutput(dataName, state.context);
      CodecUtil.writeIndexHeader(data, DATA_CODEC, VERSION_CURRENT, state.segmentInfo.getId(), state.segmentSuffix);
      success = true;
    } finally {
      if (success == false) {
        IOUtils.closeWhileHandlingException(meta, data);
      }
    }
  }

  @Override
  public void addBinaryField(FieldInfo field, DocValuesProducer values) throws IOException {
    meta.writeInt(field.number);
    if (holdsTokenVectors(field) == false) {
      meta.writeByte(KIND_BYTES);
      writeDocuments(field, values, null);
      return;
    }
    TokenLayout layout = TokenLayout.of(mode, firstDimension(field, values));
    for (int pass = 0; pass < layout.statisticsPasses(); pass++) {
      BinaryDocValues docs = values.getBinary(field);
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        layout.observe(pass, tokens(field, doc, docs.binaryValue(), layout.dimension));
      }
      layout.finishPass(pass);
    }
    meta.writeByte(KIND_TOKENS);
    meta.writeVInt(mode.wireNumber());
    meta.writeVInt(layout.dimension);
    layout.writeStatistics(meta);
    writeDocuments(field, values, layout);
  }

  /** Whether {@code field} is a {@link TokenVectorsField}, by the field type's attribute. */
  static boolean holdsTokenVectors(FieldInfo field) {
    return TokenVectorsField.CONTENT_VALUE.equals(field.getAttribute(TokenVectorsField.CONTENT_ATTRIBUTE))
        || field.getAttribute(LEGACY_MODE_ATTRIBUTE) != null;
  }

  /** The token dimension of the field's first document (1 when it has none); every other is checked against it as it is read. */
  private static int firstDimension(FieldInfo field, DocValuesProducer values) throws IOException {
    BinaryDocValues docs = values.getBinary(field);
    int doc = docs.nextDoc();
    return doc == DocIdSetIterator.NO_MORE_DOCS ? 1 : tokens(field, doc, docs.binaryValue(), -1)[0].length;
  }

  /**
   * The token vectors of {@code doc}, which must have {@code dimension} components each (any when
   * −1); an error names the field and document.
   */
  private static float[][] tokens(FieldInfo field, int doc, BytesRef bytes, int dimension) {
    float[][] tokens;
    try {
      tokens = LateInteractionField.decode(bytes);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "field '" + field.name + "', document " + doc + ": not token vectors: " + e.getMessage(), e);
    }
    if (dimension != -1 && tokens[0].length != dimension) {
      throw new IllegalArgumentException(
          "field '" + field.name + "', document " + doc + ": token dimension " + tokens[0].length
              + ", other documents of the field have " + dimension);
    }
    return tokens;
  }

  /** Which documents have the field, each document's bytes, and where each starts. */
  private void writeDocuments(FieldInfo field, DocValuesProducer values, TokenLayout layout)
      throws IOException {
    long start = data.getFilePointer();
    PackedLongValues.Builder offsets = PackedLongValues.monotonicBuilder(PackedInts.COMPACT);
    BinaryDocValues docs = values.getBinary(field);
    int count = 0;
    for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
      offsets.add(data.getFilePointer() - start);
      BytesRef bytes = docs.binaryValue();
      if (layout == null) {
        data.writeBytes(bytes.bytes, bytes.offset, bytes.length);
      } else {
        layout.encode(tokens(field, doc, bytes, layout.dimension), data);
      }
      count++;
    }
    offsets.add(data.getFilePointer() - start);
    meta.writeLong(start);
    meta.writeLong(data.getFilePointer() - start);

    if (count == 0 || count == maxDoc) {
      meta.writeLong(count == 0 ? -2 : -1); // none or all documents
      meta.writeLong(0L);
      meta.writeShort((short) -1);
      meta.writeByte((byte) -1);
    } else {
      long offset = data.getFilePointer();
      meta.writeLong(offset);
      short jumpTableEntries =
          IndexedDISI.writeBitSet(values.getBinary(field), data, IndexedDISI.DEFAULT_DENSE_RANK_POWER);
      meta.writeLong(data.getFilePointer() - offset);
      meta.writeShort(jumpTableEntries);
      meta.writeByte(IndexedDISI.DEFAULT_DENSE_RANK_POWER);
    }
    meta.writeInt(count);

    long addressesStart = data.getFilePointer();
    meta.writeLong(addressesStart);
    meta.writeVInt(ADDRESS_BLOCK_SHIFT);
    DirectMonotonicWriter addresses =
        DirectMonotonicWriter.getInstance(meta, data, count + 1L, ADDRESS_BLOCK_SHIFT);
    for (PackedLongValues.Iterator it = offsets.build().iterator(); it.hasNext(); ) {
      addresses.add(it.next());
    }
    addresses.finish();
    meta.writeLong(data.getFilePointer() - addressesStart);
  }

  @Override
  public void addNumericField(FieldInfo field, DocValuesProducer values) throws IOException {
    others.addNumericField(field, values);
  }

  @Override
  public void addSortedField(FieldInfo field, DocValuesProducer values) throws IOException {
    others.addSortedField(field, values);
  }

  @Override
  public void addSortedNumericField(FieldInfo field, DocValuesProducer values) throws IOException {
    others.addSortedNumericField(field, values);
  }

  @Override
  public void addSortedSetField(FieldInfo field, DocValuesProducer values) throws IOException {
    others.addSortedSetField(field, values);
  }

  @Override
  public void close() throws IOException {
    boolean success = false;
    try {
      if (meta != null) {
        meta.writeInt(-1); // end of fields
        CodecUtil.writeFooter(meta);
      }
      if (data != null) {
        CodecUtil.writeFooter(data);
      }
      success = true;
    } finally {
      if (success) {
        IOUtils.close(meta, data, others);
      } else {
        IOUtils.closeWhileHandlingException(meta, data, others);
      }
      meta = data = null;
    }
  }
}
