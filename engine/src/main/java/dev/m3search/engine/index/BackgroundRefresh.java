package dev.m3search.engine.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes changes visible to search within a bounded staleness, on a daemon thread. */
final class BackgroundRefresh {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundRefresh.class);

  private BackgroundRefresh() {}

  /**
   * Starts refreshing {@code searchers} at most {@code maxStaleness} after a change: through the
   * writer's near-real-time readers when there is a writer, else by looking for a new commit.
   */
  static Closeable start(IndexWriter writer, SearcherManager searchers, Duration maxStaleness, String name) {
    double seconds = maxStaleness.toNanos() / 1e9;
    if (writer != null) {
      ControlledRealTimeReopenThread<IndexSearcher> thread =
          new ControlledRealTimeReopenThread<>(writer, searchers, seconds, Math.min(seconds, 0.01));
      thread.setName("m3search-refresh " + name);
      thread.setDaemon(true);
      thread.start();
      return thread;
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "m3search-refresh " + name);
              t.setDaemon(true);
              return t;
            });
    long nanos = maxStaleness.toNanos();
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            searchers.maybeRefresh();
          } catch (IOException | UncheckedIOException e) {
            LOG.warn("background refresh of {} failed: {}", name, e.getMessage());
          }
        },
        nanos,
        nanos,
        TimeUnit.NANOSECONDS);
    return () -> {
      executor.shutdown(); // no interrupt: an interrupted read would close a file channel under the searchers
      try {
        executor.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }
}
