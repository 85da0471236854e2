package dev.m3search.plugin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** A {@link JsonSource} over Jackson's streaming parser, to test the shared parsing without either engine. */
final class JacksonSource implements JsonSource {
  private final JsonParser parser;

  /** A source on the first token of {@code json}. */
  JacksonSource(String json) throws IOException {
    this.parser = new JsonFactory().createParser(json);
    parser.nextToken();
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
    return parser.getFloatValue();
  }

  @Override
  public int intValue() throws IOException {
    return parser.getIntValue();
  }

  @Override
  public String text() throws IOException {
    return parser.getText();
  }

  private static Kind kind(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> Kind.START_OBJECT;
      case END_OBJECT -> Kind.END_OBJECT;
      case START_ARRAY -> Kind.START_ARRAY;
      case END_ARRAY -> Kind.END_ARRAY;
      case FIELD_NAME -> Kind.FIELD_NAME;
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Kind.NUMBER;
      case VALUE_STRING -> Kind.STRING;
      case VALUE_TRUE, VALUE_FALSE -> Kind.BOOLEAN;
      case VALUE_NULL -> Kind.NULL;
      default -> throw new IllegalStateException("unexpected JSON token " + token);
    };
  }
}
