package dev.m3search.codecs.sparse;

import java.io.IOException;
import org.apache.lucene.codecs.FieldsConsumer;
import org.apache.lucene.codecs.FieldsProducer;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104PostingsFormat;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.util.IOUtils;

/**
 * The sparse leg's postings: Lucene's block postings, plus the greatest term frequency of each term
 * in each run of {@value #BLOCK_SIZE} consecutive documents for fields that keep frequencies and no
 * norms (the signature of {@link org.apache.lucene.document.FeatureField}, whose frequency encodes
 * the learned weight). A query sums these maxima into an upper bound per block of documents and
 * visits blocks best first (block-max pruning, see the package documentation).
 */
public final class BlockMaxSparsePostingsFormat extends PostingsFormat {
  /** SPI name, recorded in each segment's field infos. */
  public static final String NAME = "M3v1Lucene104BlockMaxSparse";

  static final String META_CODEC = "M3BlockMaximaMeta";
  static final String DATA_CODEC = "M3BlockMaximaData";
  static final String META_EXTENSION = "m3bmm";
  static final String DATA_EXTENSION = "m3bmd";
  static final int VERSION_START = 0;
  static final int VERSION_CURRENT = VERSION_START;

  /** log2 of the documents per block; recorded per field so a later default does not break reading. */
  static final int BLOCK_SHIFT = 4;
  /** Documents per block. */
  public static final int BLOCK_SIZE = 1 << BLOCK_SHIFT;

  private final PostingsFormat postings = new Lucene104PostingsFormat();

  public BlockMaxSparsePostingsFormat() {
    super(NAME);
  }

  @Override
  public FieldsConsumer fieldsConsumer(SegmentWriteState state) throws IOException {
    FieldsConsumer delegate = postings.fieldsConsumer(state);
    try {
      return new BlockMaxSparseWriter(state, delegate);
    } catch (Throwable t) {
      IOUtils.closeWhileHandlingException(delegate);
      throw t;
    }
  }

  @Override
  public FieldsProducer fieldsProducer(SegmentReadState state) throws IOException {
    FieldsProducer delegate = postings.fieldsProducer(state);
    try {
      return new BlockMaxSparseReader(state, delegate);
    } catch (Throwable t) {
      IOUtils.closeWhileHandlingException(delegate);
      throw t;
    }
  }

  /** Whether a field gets block maxima: it keeps frequencies and omits norms, as FeatureField does. */
  static boolean hasBlockMaxima(FieldInfo field) {
    return field.getIndexOptions().compareTo(IndexOptions.DOCS_AND_FREQS) >= 0
        && field.hasNorms() == false;
  }
}
