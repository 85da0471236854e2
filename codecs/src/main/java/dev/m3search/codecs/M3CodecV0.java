package dev.m3search.codecs;

import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;

/**
 * Reads segments written by m3search 0.1, whose codec was named {@code M3Codec} and routed every
 * leg to Lucene's stock formats. Those formats recorded their names in each segment, so Lucene's
 * per-field readers of {@link Lucene104Codec} find them; this class only answers to the old name.
 * New segments are written by {@link M3Lucene104Codec}.
 */
@Deprecated
public final class M3CodecV0 extends FilterCodec {
  public static final String NAME = "M3Codec";

  public M3CodecV0() {
    super(NAME, new Lucene104Codec());
  }
}
