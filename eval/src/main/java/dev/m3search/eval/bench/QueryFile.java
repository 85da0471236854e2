package dev.m3search.eval.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Benchmark queries: a BEIR {@code queries.jsonl} (the {@code text} of each line) or plain text, one query a line. */
public final class QueryFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueryFile() {}

  public static List<String> read(Path file) throws IOException {
    List<String> queries = new ArrayList<>();
    long number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!trimmed.startsWith("{")) {
        queries.add(trimmed);
        continue;
      }
      try {
        JsonNode node = JSON.readTree(trimmed);
        if (!node.hasNonNull("text")) {
          throw new IOException(file + ":" + number + ": a JSON query needs \"text\"");
        }
        queries.add(node.get("text").asText());
      } catch (JsonProcessingException e) {
        throw new IOException(file + ":" + number + ": malformed JSON: " + e.getOriginalMessage());
      }
    }
    return queries;
  }
}
