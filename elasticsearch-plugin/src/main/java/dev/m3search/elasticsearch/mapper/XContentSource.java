package dev.m3search.elasticsearch.mapper;

import dev.m3search.plugin.JsonSource;
import java.io.IOException;
import org.elasticsearch.xcontent.XContentParser;

/** Elasticsearch's {@link XContentParser} as the shared parsing reads it. */
public final class XContentSource implements JsonSource {
  private final XContentParser parser;

  public XContentSource(XContentParser parser) {
    this.parser = parser;
  }

  @Override
  public Kind current() {
    return kind(parser.currentToken());
  }

  @Override
  public Kind next() throws IOException {
    return kind(parser.nextToken());
  }

  @Override
  public String name() throws IOException {
    return parser.currentName();
  }

  @Override
  public float floatValue() throws IOException {
    return parser.floatValue();
  }

  @Override
  public int intValue() throws IOException {
    return parser.intValue(false);
  }

  @Override
  public String text() throws IOException {
    return parser.text();
  }

  private static Kind kind(XContentParser.Token token) {
    return switch (token) {
      case START_OBJECT -> Kind.START_OBJECT;
      case END_OBJECT -> Kind.END_OBJECT;
      case START_ARRAY -> Kind.START_ARRAY;
      case END_ARRAY -> Kind.END_ARRAY;
      case FIELD_NAME -> Kind.FIELD_NAME;
      case VALUE_NUMBER -> Kind.NUMBER;
      case VALUE_STRING -> Kind.STRING;
      case VALUE_BOOLEAN -> Kind.BOOLEAN;
      case VALUE_NULL -> Kind.NULL;
      default -> throw new IllegalArgumentException("unexpected " + token);
    };
  }
}
