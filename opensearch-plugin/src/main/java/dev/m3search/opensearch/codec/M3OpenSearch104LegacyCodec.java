package dev.m3search.opensearch.codec;

import org.apache.lucene.codecs.FilterCodec;

/**
 * Reads segments written by {@link M3OpenSearchCodec} under its name before names carried the
 * project's format version ({@code M3OpenSearch104}, now {@value M3OpenSearchCodec#NAME}). The
 * files are the same, so this class only answers to the old name; it declares no alias, so {@code
 * "index.codec": "m3search"} keeps selecting {@link M3OpenSearchCodec}, and merges write today's
 * names.
 */
@Deprecated
public final class M3OpenSearch104LegacyCodec extends FilterCodec {
  public static final String NAME = "M3OpenSearch104";

  public M3OpenSearch104LegacyCodec() {
    super(NAME, new M3OpenSearchCodec());
  }
}
