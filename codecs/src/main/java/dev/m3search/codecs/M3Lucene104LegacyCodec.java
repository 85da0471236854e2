package dev.m3search.codecs;

import org.apache.lucene.codecs.FilterCodec;

/**
 * Reads segments written by {@link M3Lucene104Codec} under its name before names carried the
 * project's format version ({@code M3Lucene104}, now {@value M3Lucene104Codec#NAME}). The files are
 * the same, so this class only answers to the old name; its per-field formats are found by the
 * names each segment records. Merges and new segments are written by the writer's codec, under
 * today's names; configure a writer with {@link M3Lucene104Codec}, not this class.
 */
@Deprecated
public final class M3Lucene104LegacyCodec extends FilterCodec {
  public static final String NAME = "M3Lucene104";

  public M3Lucene104LegacyCodec() {
    super(NAME, new M3Lucene104Codec());
  }
}
