package dev.m3search.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small BEIR dataset for the command tests: the demo corpus, with queries and judgments the test gives. */
final class DemoDataset {
  private DemoDataset() {}

  /** Writes {@code corpus.jsonl}, {@code queries.jsonl} and {@code qrels/test.tsv} into {@code dir}; returns it. */
  static Path write(Path dir, String queriesJsonl, String qrelsTsv) throws IOException {
    Files.createDirectories(dir.resolve("qrels"));
    try (InputStream corpus = DemoCommand.class.getResourceAsStream("demo/corpus.jsonl")) {
      Files.copy(corpus, dir.resolve("corpus.jsonl"));
    }
    Files.writeString(dir.resolve("queries.jsonl"), queriesJsonl);
    Files.writeString(dir.resolve("qrels/test.tsv"), qrelsTsv);
    return dir;
  }
}
