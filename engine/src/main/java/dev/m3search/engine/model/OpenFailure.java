package dev.m3search.engine.model;

/** Cleanup after a model failed to open: nothing opened so far may outlive it (a session holds native memory). */
final class OpenFailure {
  private OpenFailure() {}

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
}
