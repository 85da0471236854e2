package dev.m3search.indexer;

import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.index.SourceDocument;
import dev.m3search.engine.model.TextEncoding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Indexes a BEIR corpus file into an {@link M3Index}: reads lines, encodes them in chunks, commits
 * every {@code commitEvery} documents and at the end. A bad line either stops the run — the index
 * is rolled back to its last commit, so nothing committed is lost and nothing half-written stays —
 * or is reported and passed over.
 */
public final class CorpusIndexer {
  /** Most truncation warnings printed per run; the summary counts them all. */
  private static final int MAX_TRUNCATION_WARNINGS = 20;

  private final M3Index index;
  private final ErrorPolicy errorPolicy;
  private final int chunkSize;
  private final long commitEvery;
  private final IndexingListener listener;

  /**
   * @param chunkSize documents encoded together (the encoder sorts them by length into batches)
   * @param commitEvery documents between commits
   */
  public CorpusIndexer(M3Index index, ErrorPolicy errorPolicy, int chunkSize, long commitEvery, IndexingListener listener) {
    this.index = index;
    this.errorPolicy = errorPolicy;
    this.chunkSize = chunkSize;
    this.commitEvery = commitEvery;
    this.listener = listener;
  }

  /**
   * Indexes every document of {@code reader}.
   *
   * @throws BadInputException under {@link ErrorPolicy#FAIL}, for the first bad line, after the
   *     index was rolled back to its last commit
   */
  public IndexingSummary run(CorpusReader reader) throws IOException, BadInputException {
    long start = System.nanoTime();
    Run run = new Run(reader);
    try {
      CorpusLine line;
      while ((line = nextOrSkip(reader, run)) != null) {
        run.accept(line);
        if (run.chunk.size() >= chunkSize) {
          run.flush();
        }
        if (run.documents + run.chunk.size() - run.committedDocuments >= commitEvery) {
          run.flush();
          run.commit();
        }
      }
      run.flush();
      run.commit();
    } catch (BadInputException | IOException | RuntimeException e) {
      index.rollback();
      throw e;
    }
    return new IndexingSummary(
        run.documents, run.duplicates, run.skipped, run.truncated, run.encodeNanos, run.writeNanos, System.nanoTime() - start);
  }

  private CorpusLine nextOrSkip(CorpusReader reader, Run run) throws IOException, BadInputException {
    while (true) {
      try {
        return reader.next();
      } catch (BadInputException e) {
        if (errorPolicy == ErrorPolicy.FAIL) {
          throw e;
        }
        run.skipped++;
        listener.warn(e.getMessage() + " (skipped)");
      }
    }
  }

  /** The state of one run. */
  private final class Run {
    private final CorpusReader reader;
    private final Map<String, Long> firstLineById = new HashMap<>();
    private final List<CorpusLine> chunk = new ArrayList<>();
    private long documents;
    private long committedDocuments;
    private long duplicates;
    private long skipped;
    private long truncated;
    private long encodeNanos;
    private long writeNanos;

    Run(CorpusReader reader) {
      this.reader = reader;
    }

    void accept(CorpusLine line) {
      Long first = firstLineById.putIfAbsent(line.document().id(), line.line());
      if (first != null) {
        duplicates++;
        listener.warn(
            reader.file() + ":" + line.line() + ": duplicate _id \"" + line.document().id()
                + "\" (first on line " + first + "); this line replaces it");
      }
      chunk.add(line);
    }

    void flush() throws IOException {
      if (chunk.isEmpty()) {
        return;
      }
      List<SourceDocument> sources = chunk.stream().map(CorpusLine::document).toList();
      long begin = System.nanoTime();
      List<TextEncoding> encodings =
          index.encoder().encodeDocuments(sources.stream().map(SourceDocument::encodedText).toList());
      long encoded = System.nanoTime();
      index.addEncoded(sources, encodings);
      writeNanos += System.nanoTime() - encoded;
      encodeNanos += encoded - begin;
      documents += sources.size();
      for (int i = 0; i < encodings.size(); i++) {
        if (encodings.get(i).truncated()) {
          warnTruncated(chunk.get(i));
        }
      }
      chunk.clear();
      listener.progress(documents, reader.lineNumber());
    }

    private void warnTruncated(CorpusLine line) {
      truncated++;
      if (truncated <= MAX_TRUNCATION_WARNINGS) {
        listener.warn(
            reader.file() + ":" + line.line() + ": text of _id \"" + line.document().id()
                + "\" truncated to the model's maximum of " + index.encoder().spec().maxTokens() + " tokens");
      } else if (truncated == MAX_TRUNCATION_WARNINGS + 1) {
        listener.warn("further truncation warnings are not printed; the summary counts them all");
      }
    }

    void commit() throws IOException {
      long begin = System.nanoTime();
      index.commit(
          Map.of(
              "m3.indexer.input", reader.file().toAbsolutePath().toString(),
              "m3.indexer.line", Long.toString(reader.lineNumber()),
              "m3.indexer.documents", Long.toString(documents)));
      writeNanos += System.nanoTime() - begin;
      committedDocuments = documents;
      listener.committed(documents, reader.lineNumber());
    }
  }
}
