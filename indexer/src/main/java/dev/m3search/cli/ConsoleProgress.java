package dev.m3search.cli;

import dev.m3search.indexer.IndexingListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows an indexing run: on a terminal a progress bar with documents/s and the time left (its ETA),
 * otherwise a plain line every few seconds and at every commit. Warnings go to the error stream.
 */
final class ConsoleProgress implements IndexingListener, AutoCloseable {
  private static final long PLAIN_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

  private final PrintWriter out;
  private final PrintWriter err;
  private final long expectedDocuments;
  private final ProgressBar bar;
  private final long start = System.nanoTime();
  private long lastPlainLine = start;

  /**
   * @param expectedDocuments documents the run will index, for the bar's total; -1 when unknown
   * @param terminal whether a person watches a terminal
   */
  ConsoleProgress(PrintWriter out, PrintWriter err, long expectedDocuments, boolean terminal) {
    this.out = out;
    this.err = err;
    this.expectedDocuments = expectedDocuments;
    this.bar =
        terminal
            ? new ProgressBarBuilder()
                .setTaskName("indexing")
                .setInitialMax(expectedDocuments)
                .setUnit(" docs", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .continuousUpdate()
                .build()
            : null;
  }

  /** Whether standard error is a terminal; the launcher tells, as Java 21 cannot. */
  static boolean isTerminal() {
    return Boolean.getBoolean("m3search.terminal");
  }

  @Override
  public synchronized void warn(String message) {
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
  public synchronized void progress(long documents, long line) {
    if (bar != null) {
      bar.stepTo(documents);
      return;
    }
    long now = System.nanoTime();
    if (now - lastPlainLine >= PLAIN_INTERVAL_NANOS) {
      lastPlainLine = now;
      double rate = documents / ((now - start) / 1e9);
      Duration left = eta(documents, expectedDocuments);
      out.printf(
          "indexed %,d%s documents (line %,d, %.1f docs/s%s)%n",
          documents,
          expectedDocuments > 0 ? String.format(" of %,d", expectedDocuments) : "",
          line,
          rate,
          left != null ? ", about " + format(left) + " left" : "");
      out.flush();
    }
  }

  /** The time left at the average rate so far; null when it cannot be told yet. */
  private Duration eta(long done, long total) {
    double seconds = (System.nanoTime() - start) / 1e9;
    if (done <= 0 || total <= 0 || seconds <= 0) {
      return null;
    }
    return Duration.ofMillis((long) (Math.max(0, total - done) * seconds / done * 1000));
  }

  private static String format(Duration d) {
    return d.toHours() > 0
        ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
        : String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
  }

  @Override
  public synchronized void committed(long documents, long line) {
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
