package dev.m3search.indexer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.m3search.engine.index.SourceDocument;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a BEIR corpus: one JSON object per line with {@code _id}, {@code title} and {@code text};
 * every other key becomes metadata (nested objects flattened to dotted keys, arrays multi-valued,
 * numbers kept as numbers). A document with no title and no text is valid. {@code .gz} files
 * are decompressed. Bytes are decoded strictly, so invalid UTF-8 is reported, not replaced.
 */
public final class CorpusReader implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int INITIAL_LINE_BYTES = 4096;

  private final Path file;
  private final InputStream in;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteArrayOutputStream lineBytes = new ByteArrayOutputStream(INITIAL_LINE_BYTES);
  private long lineNumber;

  public CorpusReader(Path file) throws IOException {
    this.file = file;
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    this.in = file.getFileName().toString().endsWith(".gz") ? new BufferedInputStream(new GZIPInputStream(raw), 1 << 16) : raw;
  }

  public Path file() {
    return file;
  }

  /** The number of the line read last (from 1). */
  public long lineNumber() {
    return lineNumber;
  }

  /**
   * The next document, or null at the end of the file. Blank lines are passed over.
   *
   * @throws BadInputException if the line is not a valid document; the reader stays usable
   */
  public CorpusLine next() throws IOException, BadInputException {
    while (true) {
      byte[] bytes = readLine();
      if (bytes == null) {
        return null;
      }
      String line = decode(bytes);
      if (!line.isBlank()) {
        return new CorpusLine(lineNumber, parse(line));
      }
    }
  }

  private byte[] readLine() throws IOException {
    lineBytes.reset();
    int b;
    boolean any = false;
    while ((b = in.read()) != -1) {
      any = true;
      if (b == '\n') {
        break;
      }
      lineBytes.write(b);
    }
    if (!any) {
      return null;
    }
    lineNumber++;
    return lineBytes.toByteArray();
  }

  private String decode(byte[] bytes) throws BadInputException {
    try {
      return utf8.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (MalformedInputException e) {
      int offset = firstMalformedOffset(bytes);
      throw bad("invalid UTF-8 (byte " + (offset + 1) + " of the line)");
    } catch (CharacterCodingException e) {
      throw bad("invalid UTF-8 (" + e.getMessage() + ")");
    }
  }

  /** Where decoding fails, found by decoding ever longer prefixes: only runs on bad lines. */
  private int firstMalformedOffset(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    var chars = java.nio.CharBuffer.allocate(bytes.length + 1);
    var result = decoder.decode(buffer, chars, true);
    return result.isError() ? buffer.position() : bytes.length;
  }

  private SourceDocument parse(String line) throws BadInputException {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw bad("malformed JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw bad("expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
    }
    JsonNode id = node.get("_id");
    if (id == null || id.isNull()) {
      throw bad("missing \"_id\"");
    }
    if (!id.isValueNode() || id.asText().isBlank()) {
      throw bad("\"_id\" must be a non-empty string or number");
    }
    String title = text(node, "title");
    String text = text(node, "text");
    Map<String, Object> metadata = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      if (!key.equals("_id") && !key.equals("title") && !key.equals("text")) {
        metadata.put(key, toJava(field.getValue()));
      }
    }
    return new SourceDocument(id.asText(), title, text, metadata);
  }

  private String text(JsonNode node, String key) throws BadInputException {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw bad("\"" + key + "\" must be a string");
    }
    return value.asText();
  }

  /** Objects, arrays, numbers, booleans and strings as Java values; {@link SourceDocument} flattens them. */
  private Object toJava(JsonNode value) throws BadInputException {
    try {
      return JSON.treeToValue(value, Object.class);
    } catch (JsonProcessingException e) {
      throw bad("unreadable metadata value: " + e.getOriginalMessage());
    }
  }

  private BadInputException bad(String reason) {
    return new BadInputException(file, lineNumber, reason);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
