package dev.m3search.engine.model;

import java.io.IOException;

/**
 * Closing what a model holds (a tokenizer and an ONNX session, which holds native memory): all of
 * it, whatever fails first.
 */
final class ModelResources {
  private ModelResources() {}

  /** Closes the resources that were opened (nulls skipped), adding their own failures to {@code failure}. */
  static void closeOpened(Exception failure, AutoCloseable... opened) {
    for (AutoCloseable resource : opened) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }

  /** Closes every resource; the first failure is thrown, the others suppressed in it. */
  static void closeAll(AutoCloseable... resources) throws IOException {
    IOException failure = new IOException("closing a model failed");
    closeOpened(failure, resources);
    Throwable[] causes = failure.getSuppressed();
    if (causes.length == 0) {
      return;
    }
    if (causes.length == 1 && causes[0] instanceof IOException io) {
      throw io;
    }
    throw failure;
  }
}
