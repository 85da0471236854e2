package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.codecs.DocValuesConsumer;
import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.DocValuesProducer;
import org.apache.lucene.codecs.lucene90.Lucene90DocValuesFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.util.IOUtils;

/**
 * The late-interaction format: binary doc values whose fields may hold token vectors ({@link
 * TokenVectorsField}), stored as codes in the {@link TokenVectorMode} the format is constructed
 * with, as Lucene's quantised vector formats take their encoding. Each segment records the mode it
 * was written in and is read in it, whatever the format's mode; a merge writes the format's mode,
 * re-quantising what its sources read back. Other binary fields are kept byte for byte; numeric,
 * sorted and sorted-set doc values go to {@link Lucene90DocValuesFormat}. The layout is described
 * in the package documentation.
 */
public final class M3LateInteractionFormat extends DocValuesFormat {
  /** SPI name, recorded in each segment's field infos. */
  public static final String NAME = "M3v1Lucene90LateInteraction";

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

  /** The mode of the no-argument instance (the one SPI finds, to read segments in their own modes). */
  public static final TokenVectorMode DEFAULT_MODE = TokenVectorMode.BIT2;

  private final DocValuesFormat others = new Lucene90DocValuesFormat();
  private final TokenVectorMode mode;

  /** Writes token vectors in {@link #DEFAULT_MODE}; used by SPI to read segments. */
  public M3LateInteractionFormat() {
    this(DEFAULT_MODE);
  }

  /** Writes token vectors, in new segments and merges, in {@code mode}. */
  public M3LateInteractionFormat(TokenVectorMode mode) {
    super(NAME);
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  /** The mode this format writes token vectors in. */
  public TokenVectorMode mode() {
    return mode;
  }

  @Override
  public DocValuesConsumer fieldsConsumer(SegmentWriteState state) throws IOException {
    DocValuesConsumer delegate = others.fieldsConsumer(state);
    try {
      return new M3LateInteractionWriter(state, delegate, mode);
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

  @Override
  public String toString() {
    return NAME + "(mode=" + mode + ")";
  }
}
