package dev.m3search.indexer;

import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.index.SourceDocument;
import dev.m3search.engine.model.EncoderOptions;
import dev.m3search.engine.model.TextEncoding;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Indexes a BEIR corpus file into an {@link M3Index}, as a pipeline: while one chunk of documents
 * is written into the index on a writer thread, the next is encoded (Lucene's {@code IndexWriter}
 * takes adds from any thread). A chunk is bounded by a count of documents and by characters, so a
 * model with a long maximum length cannot fill memory with token vectors. It commits every
 * {@code commitEvery} documents and at the end. A bad line either stops the run — the index is
 * rolled back to its last commit, so nothing committed is lost and nothing half-written stays — or
 * is passed over.
 */
public final class CorpusIndexer {
  /** Most truncation warnings printed per run; the summary counts them all. */
  private static final int MAX_TRUNCATION_WARNINGS = 20;
  /**
   * Texts encoded together, in batches: the encoder sorts them by length, so a larger chunk pads
   * less. Bounded by characters at a quarter of that many batches' token budget, so that long texts
   * keep the token vectors in memory to a few hundred MB.
   */
  private static final int CHUNK_BATCHES = 32;
  private static final int CHARS_PER_TOKEN = 4;

  private final M3Index index;
  private final ErrorPolicy errorPolicy;
  private final int chunkDocuments;
  private final long chunkChars;
  private final long commitEvery;
  private final IndexingListener listener;
  private Set<Long> reportedBadLines = Set.of();

  /**
   * @param chunkDocuments most documents encoded together (the encoder sorts them by length into batches)
   * @param chunkChars most characters of text encoded together
   * @param commitEvery documents between commits
   */
  public CorpusIndexer(
      M3Index index, ErrorPolicy errorPolicy, int chunkDocuments, long chunkChars, long commitEvery, IndexingListener listener) {
    this.index = index;
    this.errorPolicy = errorPolicy;
    this.chunkDocuments = chunkDocuments;
    this.chunkChars = chunkChars;
    this.commitEvery = commitEvery;
    this.listener = listener;
  }

  /**
   * An indexer whose chunks hold {@value #CHUNK_BATCHES} of the encoder's batches: by count of texts,
   * and by characters at about {@value #CHARS_PER_TOKEN} a token for the batch token budget.
   */
  public static CorpusIndexer forEncoder(M3Index index, ErrorPolicy errorPolicy, long commitEvery, IndexingListener listener) {
    EncoderOptions options = index.encoder().options();
    return new CorpusIndexer(
        index,
        errorPolicy,
        options.batchSize() * CHUNK_BATCHES,
        (long) options.batchTokens() * CHUNK_BATCHES / 4 * CHARS_PER_TOKEN,
        commitEvery,
        listener);
  }

  /** Lines already reported by an {@link InputCheck}: under {@link ErrorPolicy#SKIP} they are passed over silently. */
  public CorpusIndexer reportedBadLines(Set<Long> lines) {
    this.reportedBadLines = Set.copyOf(lines);
    return this;
  }

  /**
   * Indexes every document of {@code reader}.
   *
   * @throws BadInputException under {@link ErrorPolicy#FAIL}, for the first bad line, after the
   *     index was rolled back to its last commit
   */
  public IndexingSummary run(CorpusReader reader) throws IOException, BadInputException {
    Run run = new Run(reader);
    ExecutorService writerThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "m3search-index-writer");
              t.setDaemon(true);
              return t;
            });
    try {
      run.all(writerThread);
    } catch (BadInputException | IOException | RuntimeException | Error e) {
      run.abandonPendingWrite(e);
      try {
        index.rollback();
      } catch (IOException | RuntimeException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    } finally {
      writerThread.shutdownNow();
    }
    return run.summary();
  }

  /** The state of one run. */
  private final class Run {
    private final CorpusReader reader;
    private final long start = System.nanoTime();
    private Future<Long> pendingWrite;
    private long pendingDocuments;
    private long pendingLine;
    private long read;
    private long written;
    private long committed;
    private long empty;
    private long skipped;
    private long truncated;
    private long encodeNanos;
    private long writeNanos;
    private long waitNanos;

    Run(CorpusReader reader) {
      this.reader = reader;
    }

    void all(ExecutorService writerThread) throws IOException, BadInputException {
      List<CorpusLine> chunk;
      while (!(chunk = readChunk()).isEmpty()) {
        List<SourceDocument> sources = chunk.stream().map(CorpusLine::document).toList();
        long begin = System.nanoTime();
        List<TextEncoding> encodings =
            index.encoder().encodeDocuments(sources.stream().map(SourceDocument::encodedText).toList());
        encodeNanos += System.nanoTime() - begin;
        for (int i = 0; i < encodings.size(); i++) {
          if (encodings.get(i).truncated()) {
            warnTruncated(chunk.get(i));
          }
        }
        awaitWrite();
        pendingDocuments = sources.size();
        pendingLine = reader.lineNumber();
        pendingWrite =
            writerThread.submit(
                () -> {
                  long t0 = System.nanoTime();
                  index.addEncoded(sources, encodings);
                  return System.nanoTime() - t0;
                });
        if (read - committed >= commitEvery) {
          awaitWrite();
          commit();
        }
      }
      awaitWrite();
      commit();
    }

    /** The next documents to encode: up to the chunk's bounds, and never past the next commit. */
    private List<CorpusLine> readChunk() throws IOException, BadInputException {
      List<CorpusLine> chunk = new ArrayList<>();
      long chars = 0;
      while (chunk.size() < chunkDocuments && chars < chunkChars && read - committed < commitEvery) {
        CorpusLine line = nextOrSkip();
        if (line == null) {
          break;
        }
        chunk.add(line);
        chars += line.document().encodedText().length();
        read++;
        if (line.document().isEmpty()) {
          empty++;
        }
      }
      return chunk;
    }

    private CorpusLine nextOrSkip() throws IOException, BadInputException {
      while (true) {
        try {
          return reader.next();
        } catch (BadInputException e) {
          if (errorPolicy == ErrorPolicy.FAIL) {
            throw e;
          }
          skipped++;
          if (!reportedBadLines.contains(e.line())) {
            listener.warn(e.getMessage() + " (skipped)");
          }
        }
      }
    }

    /** Waits for the chunk being written, then reports progress. */
    private void awaitWrite() throws IOException {
      if (pendingWrite == null) {
        return;
      }
      long begin = System.nanoTime();
      try {
        writeNanos += pendingWrite.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while writing documents");
      } catch (ExecutionException e) {
        switch (e.getCause()) {
          case IOException io -> throw io;
          case RuntimeException runtime -> throw runtime;
          case Error error -> throw error;
          default -> throw new IOException(e.getCause());
        }
      } finally {
        pendingWrite = null;
        waitNanos += System.nanoTime() - begin;
      }
      written += pendingDocuments;
      listener.progress(written, pendingLine);
    }

    /** After a failure: lets a write in flight finish, so the rollback that follows sees a quiet writer. */
    void abandonPendingWrite(Throwable failure) {
      if (pendingWrite == null) {
        return;
      }
      try {
        pendingWrite.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        if (e.getCause() != failure) {
          failure.addSuppressed(e.getCause());
        }
      }
      pendingWrite = null;
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

    private void commit() throws IOException {
      long begin = System.nanoTime();
      index.commit(
          Map.of(
              "m3.indexer.input", reader.file().toAbsolutePath().toString(),
              "m3.indexer.line", Long.toString(reader.lineNumber()),
              "m3.indexer.documents", Long.toString(written)));
      long took = System.nanoTime() - begin;
      writeNanos += took;
      waitNanos += took;
      committed = written;
      listener.committed(written, reader.lineNumber());
    }

    IndexingSummary summary() {
      return new IndexingSummary(
          written, empty, skipped, truncated, encodeNanos, writeNanos, waitNanos, System.nanoTime() - start);
    }
  }
}
