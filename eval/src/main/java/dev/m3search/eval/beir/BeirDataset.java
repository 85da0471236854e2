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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
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

  /** Every judged query of {@code qrels/test.tsv}: the split BEIR and MTEB report, and {@code eval}'s default. */
  public static final String ALL = "all";

  /** The seed of the dev/test split of datasets that ship only {@code qrels/test.tsv}. */
  public static final long SPLIT_SEED = 20261124L;

  /** The judgments of a split, and where they came from. */
  public record Split(String name, Qrels qrels, String description) {}

  /**
   * The judgments of {@code split}: {@code qrels/<split>.tsv} as it is, except for a dataset
   * without {@code qrels/dev.tsv}, whose judged test queries are split in two with a fixed seed
   * ({@link #SPLIT_SEED}): {@code dev} is one half (for choosing settings) and {@code test} the
   * other (for reporting them). {@value #ALL} is every query of {@code qrels/test.tsv}, as BEIR and
   * MTEB report, whatever other files the dataset has.
   */
  public Split split(String split) throws IOException {
    if (split.equals(ALL)) {
      Qrels all = qrels("test");
      return new Split(split, all, all.queryIds().size() + " judged queries of qrels/test.tsv (all of them, as BEIR reports)");
    }
    boolean derived = (split.equals("dev") || split.equals("test")) && !hasQrels("dev");
    if (!derived) {
      Qrels qrels = qrels(split);
      return new Split(split, qrels, qrels.queryIds().size() + " judged queries of qrels/" + split + ".tsv");
    }
    Qrels all = qrels("test");
    List<String> ids = new ArrayList<>(new TreeSet<>(all.queryIds()));
    Collections.shuffle(ids, new Random(SPLIT_SEED));
    Set<String> dev = new HashSet<>(ids.subList(0, ids.size() / 2));
    Map<String, Map<String, Integer>> kept = new LinkedHashMap<>();
    for (String id : all.queryIds()) {
      if (dev.contains(id) == split.equals("dev")) {
        kept.put(id, all.of(id));
      }
    }
    return new Split(split, new Qrels(kept), String.format(Locale.ROOT,
        "%d of the %d judged queries of qrels/test.tsv: the dataset has no qrels/dev.tsv, so its queries are split"
            + " with seed %d, dev for choosing settings, test for reporting them (--split all for every query)",
        kept.size(), all.queryIds().size(), SPLIT_SEED));
  }

  private boolean hasQrels(String split) {
    return Files.exists(dir.resolve("qrels/" + split + ".tsv")) || Files.exists(dir.resolve("qrels/" + split + ".tsv.gz"));
  }

  /** The judgments of {@code qrels/<split>.tsv}. */
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
