package dev.m3search.indexer;

import dev.m3search.engine.index.SourceDocument;

/** A document read from line {@code line} of a corpus file. */
public record CorpusLine(long line, SourceDocument document) {}
