package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import org.apache.lucene.codecs.DocValuesConsumer;
import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.DocValuesProducer;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Reads fields that {@link M3LateInteractionFormat} wrote under its name before names carried the
 * project's format version ({@code M3LateInteraction10}, now {@value M3LateInteractionFormat#NAME}).
 * The files are the same; this format only reads them. A merge writes them with the writer's
 * late-interaction format, under today's name.
 */
@Deprecated
public final class M3LateInteraction10LegacyFormat extends DocValuesFormat {
  public static final String NAME = "M3LateInteraction10";

  private final DocValuesFormat current = new M3LateInteractionFormat();

  public M3LateInteraction10LegacyFormat() {
    super(NAME);
  }

  @Override
  public DocValuesConsumer fieldsConsumer(SegmentWriteState state) {
    throw new UnsupportedOperationException(NAME + " is read-only; write with " + M3LateInteractionFormat.NAME);
  }

  @Override
  public DocValuesProducer fieldsProducer(SegmentReadState state) throws IOException {
    return current.fieldsProducer(state);
  }
}
