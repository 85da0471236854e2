package dev.m3search.plugin;

import java.io.IOException;

/**
 * The few operations of a streaming JSON parser that reading representations and query options
 * needs. OpenSearch's and Elasticsearch's {@code XContentParser}s differ only in their packages,
 * so each plugin wraps its own in a few lines and the parsing and its errors live here once.
 */
public interface JsonSource {
  /** What the parser is on. */
  enum Kind { START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY, FIELD_NAME, NUMBER, STRING, BOOLEAN, NULL }

  /** The token the parser is on. */
  Kind current();

  /** Moves to the next token and returns it. */
  Kind next() throws IOException;

  /** The name of the field the parser is on or in. */
  String name() throws IOException;

  /** The number the parser is on. */
  float floatValue() throws IOException;

  /** The number the parser is on, which must be an integer. */
  int intValue() throws IOException;

  /** The text of the value the parser is on. */
  String text() throws IOException;
}
