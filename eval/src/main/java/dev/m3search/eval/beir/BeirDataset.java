package dev.m3search.eval.beir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A dataset in BEIR's layout: {@code corpus.jsonl} ({@code _id}, {@code title}, {@code text}),
 * {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels/<split>.tsv} (a header, then
 * {@code query-id corpus-id score}). Each file may also be gzipped ({@code .gz}).
 */
public final class BeirDataset {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;

  public BeirDataset(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "dataset folder does not exist");
    }
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** {@code corpus.jsonl} or {@code corpus.jsonl.gz}. */
  public Path corpusFile() throws IOException {
    return file("corpus.jsonl");
  }

  /** Query id → text, in file order. */
  public Map<String, String> queries() throws IOException {
    Path file = file("queries.jsonl");
    Map<String, String> queries = new LinkedHashMap<>();
    try (BufferedReader lines = open(file)) {
      String line;
      long number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          throw new IOException(file + ":" + number + ": malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.hasNonNull("_id") || !node.hasNonNull("text")) {
          throw new IOException(file + ":" + number + ": a query needs \"_id\" and \"text\"");
        }
        queries.put(node.get("_id").asText(), node.get("text").asText());
      }
    }
    return queries;
  }

  /** The judgments of {@code split} ({@code qrels/<split>.tsv}). */
  public Qrels qrels(String split) throws IOException {
    Path file = file("qrels/" + split + ".tsv");
    Map<String, Map<String, Integer>> judgments = new LinkedHashMap<>();
    try (BufferedReader lines = open(file)) {
      String line;
      long number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.trim().split("\\s+");
        if (number == 1 && parts.length >= 3 && !isInteger(parts[parts.length - 1])) {
          continue; // header: query-id corpus-id score
        }
        if (parts.length < 3 || !isInteger(parts[parts.length - 1])) {
          throw new IOException(file + ":" + number + ": expected 'query-id corpus-id score', got '" + line + "'");
        }
        // BEIR has three columns, TREC qrels four (query, iteration, doc, label)
        String doc = parts[parts.length - 2];
        judgments.computeIfAbsent(parts[0], q -> new HashMap<>()).put(doc, Integer.parseInt(parts[parts.length - 1]));
      }
    }
    return new Qrels(judgments);
  }

  private static boolean isInteger(String s) {
    return s.matches("-?\\d+");
  }

  private Path file(String name) throws IOException {
    Path plain = dir.resolve(name);
    if (Files.exists(plain)) {
      return plain;
    }
    Path gz = dir.resolve(name + ".gz");
    if (Files.exists(gz)) {
      return gz;
    }
    throw new NoSuchFileException(plain.toString(), null, "not in the dataset (nor " + gz.getFileName() + ")");
  }

  static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }
}
