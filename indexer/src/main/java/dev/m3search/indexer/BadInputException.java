package dev.m3search.indexer;

import java.nio.file.Path;

/** A line of an input file that cannot be indexed; the message names the file and the line. */
public final class BadInputException extends Exception {
  private final Path file;
  private final long line;
  private final String reason;

  public BadInputException(Path file, long line, String reason) {
    super(file + ":" + line + ": " + reason);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }

  public Path file() {
    return file;
  }

  public long line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
