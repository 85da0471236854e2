package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import org.apache.lucene.codecs.DocValuesConsumer;
import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.DocValuesProducer;
import org.apache.lucene.codecs.lucene90.Lucene90DocValuesFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.util.IOUtils;

/**
 * The late-interaction format: binary doc values whose fields may hold token vectors, stored as
 * codes in the {@link TokenVectorMode} their field names. Binary fields without a mode are kept
 * byte for byte. Numeric, sorted and sorted-set doc values go to {@link Lucene90DocValuesFormat}.
 * The layout is described in the package documentation.
 */
public final class M3LateInteractionFormat extends DocValuesFormat {
  /** SPI name, recorded in each segment's field infos. */
  public static final String NAME = "M3LateInteraction10";

  static final String META_CODEC = "M3LateInteractionMeta";
  static final String DATA_CODEC = "M3LateInteractionData";
  static final String META_EXTENSION = "m3lm";
  static final String DATA_EXTENSION = "m3ld";
  static final int VERSION_START = 0;
  static final int VERSION_CURRENT = VERSION_START;

  /** A binary field kept byte for byte. */
  static final byte KIND_BYTES = 0;
  /** A binary field of token vectors, stored as codes. */
  static final byte KIND_TOKENS = 1;

  static final int ADDRESS_BLOCK_SHIFT = 16;

  private final DocValuesFormat others = new Lucene90DocValuesFormat();

  public M3LateInteractionFormat() {
    super(NAME);
  }

  @Override
  public DocValuesConsumer fieldsConsumer(SegmentWriteState state) throws IOException {
    DocValuesConsumer delegate = others.fieldsConsumer(state);
    try {
      return new M3LateInteractionWriter(state, delegate);
    } catch (Throwable t) {
      IOUtils.closeWhileHandlingException(delegate);
      throw t;
    }
  }

  @Override
  public DocValuesProducer fieldsProducer(SegmentReadState state) throws IOException {
    DocValuesProducer delegate = others.fieldsProducer(state);
    try {
      return new M3LateInteractionReader(state, delegate);
    } catch (Throwable t) {
      IOUtils.closeWhileHandlingException(delegate);
      throw t;
    }
  }
}
