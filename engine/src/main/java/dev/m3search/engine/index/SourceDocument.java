package dev.m3search.engine.index;

import java.util.Map;
import java.util.Objects;

/**
 * A text to index: BEIR's {@code _id}, {@code title} and {@code text}, and metadata for filters.
 */
public record SourceDocument(String id, String title, String text, Map<String, String> metadata) {
  public SourceDocument {
    Objects.requireNonNull(id, "id");
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public SourceDocument(String id, String title, String text) {
    this(id, title, text, Map.of());
  }

  /** What the model encodes: title and text, as in BEIR evaluations of BGE models. */
  public String encodedText() {
    return title.isEmpty() ? text : title + " " + text;
  }
}
