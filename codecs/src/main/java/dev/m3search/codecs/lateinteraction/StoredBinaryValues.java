package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import org.apache.lucene.codecs.lucene90.IndexedDISI;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOSupplier;
import org.apache.lucene.util.LongValues;

/**
 * A binary field of the late-interaction format: which documents have a value, where each value
 * starts in the data file, and (here) the value's bytes as written.
 */
class StoredBinaryValues extends BinaryDocValues {
  private final IOSupplier<DocIdSetIterator> newDocs;
  private DocIdSetIterator docs;
  private final LongValues addresses;
  final IndexInput bytes;
  private final BytesRef value = new BytesRef();

  /** {@code docs} gives a new iterator over the documents that have a value, positioned before the first. */
  StoredBinaryValues(IOSupplier<DocIdSetIterator> docs, LongValues addresses, IndexInput bytes) throws IOException {
    this.newDocs = docs;
    this.docs = docs.get();
    this.addresses = addresses;
    this.bytes = bytes;
  }

  /**
   * Positions on {@code target}, as {@link #advanceExact}, but also backwards (by a new iterator
   * from the first document): what a scorer of several passes over one segment needs.
   */
  final boolean seekExact(int target) throws IOException {
    if (target < docs.docID()) {
      docs = newDocs.get();
    }
    return advanceExact(target);
  }

  /** Index of the current document among those that have the field. */
  final int ordinal() {
    return docs instanceof IndexedDISI disi ? disi.index() : docs.docID();
  }

  /** Positions the input at the current document's value and returns its length in bytes. */
  final int seekValue() throws IOException {
    int ordinal = ordinal();
    long start = addresses.get(ordinal);
    bytes.seek(start);
    return Math.toIntExact(addresses.get(ordinal + 1L) - start);
  }

  @Override
  public BytesRef binaryValue() throws IOException {
    int length = seekValue();
    value.bytes = org.apache.lucene.util.ArrayUtil.growNoCopy(value.bytes, length);
    value.length = length;
    bytes.readBytes(value.bytes, 0, length);
    return value;
  }

  @Override
  public final boolean advanceExact(int target) throws IOException {
    if (docs instanceof IndexedDISI disi) {
      return disi.advanceExact(target);
    }
    docs.advance(target);
    return true;
  }

  @Override
  public final int docID() {
    return docs.docID();
  }

  @Override
  public final int nextDoc() throws IOException {
    return docs.nextDoc();
  }

  @Override
  public final int advance(int target) throws IOException {
    return docs.advance(target);
  }

  @Override
  public final long cost() {
    return docs.cost();
  }
}
