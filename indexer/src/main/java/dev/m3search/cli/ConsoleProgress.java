package dev.m3search.cli;

import dev.m3search.indexer.IndexingListener;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows an indexing run: a progress bar on a terminal, otherwise a plain line every few seconds
 * and at every commit. Warnings go to the error stream.
 */
final class ConsoleProgress implements IndexingListener, AutoCloseable {
  private static final long PLAIN_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

  private final PrintWriter out;
  private final PrintWriter err;
  private final ProgressBar bar;
  private final long start = System.nanoTime();
  private long lastPlainLine = start;

  /**
   * @param expectedDocuments lines in the input, for the bar's total; -1 when unknown
   * @param terminal whether a person watches a terminal
   */
  ConsoleProgress(PrintWriter out, PrintWriter err, long expectedDocuments, boolean terminal) {
    this.out = out;
    this.err = err;
    this.bar =
        terminal
            ? new ProgressBarBuilder()
                .setTaskName("indexing")
                .setInitialMax(expectedDocuments)
                .setUnit(" docs", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed()
                .continuousUpdate()
                .build()
            : null;
  }

  /** Whether standard error is a terminal; the launcher tells, as Java 21 cannot. */
  static boolean isTerminal() {
    return Boolean.getBoolean("m3search.terminal");
  }

  @Override
  public void warn(String message) {
    if (bar != null) {
      bar.pause();
    }
    err.println("warning: " + message);
    err.flush();
    if (bar != null) {
      bar.resume();
    }
  }

  @Override
  public void progress(long documents, long line) {
    if (bar != null) {
      bar.stepTo(documents);
      return;
    }
    long now = System.nanoTime();
    if (now - lastPlainLine >= PLAIN_INTERVAL_NANOS) {
      lastPlainLine = now;
      double seconds = (now - start) / 1e9;
      out.printf("indexed %,d documents (line %,d, %.1f docs/s)%n", documents, line, documents / seconds);
      out.flush();
    }
  }

  @Override
  public void committed(long documents, long line) {
    if (bar != null) {
      bar.setExtraMessage(" committed " + documents);
      return;
    }
    out.printf("committed %,d documents (through line %,d)%n", documents, line);
    out.flush();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
