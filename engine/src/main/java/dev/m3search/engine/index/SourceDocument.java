package dev.m3search.engine.index;

import java.util.Map;
import java.util.Objects;

/**
 * A text to index: BEIR's {@code _id}, {@code title} and {@code text}, and metadata for filters.
 * An empty title and text make a valid document: it is encoded like any other and found by id
 * and by filters.
 *
 * @param metadata values are strings, numbers, booleans, or collections of those (a multi-valued
 *     key: a filter matches any element); nested maps become dotted keys. Numbers can also be
 *     filtered by range. Normalised on construction: dotted keys, each
 *     value a String, Long, Double or Boolean, or a List of those for a key given as an array.
 */
public record SourceDocument(String id, String title, String text, Map<String, ?> metadata) {
  public SourceDocument {
    Objects.requireNonNull(id, "id");
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    metadata = Metadata.normalize(metadata);
  }

  public SourceDocument(String id, String title, String text) {
    this(id, title, text, Map.of());
  }

  /** What the model encodes: title and text, as in BEIR evaluations of BGE models. */
  public String encodedText() {
    return title.isEmpty() ? text : title + " " + text;
  }

  /** Whether there is no text at all to encode. */
  public boolean isEmpty() {
    return title.isBlank() && text.isBlank();
  }
}
