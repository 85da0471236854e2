package dev.m3search.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReaderTest {
  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private Path write(String text) throws Exception {
    return write("corpus.jsonl", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsBeirLinesWithMetadataAndLineNumbers() throws Exception {
    Path file =
        write(
            """
            {"_id": "a", "title": "T", "text": "first", "lang": "en", "metadata": {"url": "x", "year": 2020}, "tags": ["p", "q"], "score": 0.5, "single": ["s"]}

            {"_id": 7, "text": "numeric id"}
            """);
    try (CorpusReader reader = new CorpusReader(file)) {
      CorpusLine first = reader.next();
      assertEquals(1, first.line());
      assertEquals("a", first.document().id());
      assertEquals("T first", first.document().encodedText());
      assertEquals(
          Map.of("lang", "en", "metadata.url", "x", "metadata.year", 2020L, "tags", List.of("p", "q"), "score", 0.5, "single", List.of("s")),
          first.document().metadata(),
          "arrays stay multi-valued (even of one element), numbers stay numbers");
      CorpusLine second = reader.next();
      assertEquals(3, second.line(), "the blank line counts");
      assertEquals("7", second.document().id());
      assertNull(reader.next());
    }
  }

  @Test
  void readsGzip() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write("{\"_id\": \"g\", \"text\": \"zipped\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    try (CorpusReader reader = new CorpusReader(write("corpus.jsonl.gz", bytes.toByteArray()))) {
      assertEquals("zipped", reader.next().document().text());
    }
  }

  @Test
  void eachBadLineNamesFileLineAndReasonAndTheReaderGoesOn() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("{\"_id\": \"ok1\", \"text\": \"fine\"}\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("{\"_id\": \"broken\", \"text\": \n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("{\"title\": \"no id\", \"text\": \"x\"}\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("{\"_id\": \"empty\", \"title\": \"\", \"text\": \"  \"}\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("{\"_id\": \"bad-title\", \"title\": 5}\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("{\"_id\": \"bad-utf8\", \"text\": \"caf".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
    bytes.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("[1, 2]\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("{\"_id\": \"ok2\", \"text\": \"fine too\"}\n".getBytes(StandardCharsets.UTF_8));
    Path file = write("corpus.jsonl", bytes.toByteArray());
    try (CorpusReader reader = new CorpusReader(file)) {
      assertEquals("ok1", reader.next().document().id());
      assertBad(reader, file, 2, "malformed JSON");
      assertBad(reader, file, 3, "missing \"_id\"");
      CorpusLine empty = reader.next();
      assertEquals("empty", empty.document().id(), "an empty document is a valid document");
      assertTrue(empty.document().isEmpty());
      assertBad(reader, file, 5, "\"title\" must be a string");
      assertBad(reader, file, 6, "invalid UTF-8 (byte 33 of the line)");
      assertBad(reader, file, 7, "expected a JSON object");
      CorpusLine last = reader.next();
      assertEquals("ok2", last.document().id());
      assertEquals(8, last.line());
    }
  }

  private static void assertBad(CorpusReader reader, Path file, long line, String reason) {
    BadInputException e = assertThrows(BadInputException.class, reader::next);
    assertEquals(line, e.line());
    assertTrue(e.getMessage().startsWith(file + ":" + line + ": "), e.getMessage());
    assertTrue(e.reason().contains(reason), e.reason());
  }
}
