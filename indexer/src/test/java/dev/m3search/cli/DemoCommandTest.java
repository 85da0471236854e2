package dev.m3search.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void demoIndexesTheSampleCorpusAndPrintsRankedHitsWithLegScores() {
    CliRun run = CliRun.of("demo", "--index", dir.resolve("demo").toString());
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("indexed 200 sample passages"), run.toString());
    // the answer passage of each example query ranks first
    assertTrue(run.out().contains("query: why does the sea rise and fall twice a day\n  1. d001 "), run.toString());
    assertTrue(run.out().contains("query: HTTP 404\n  1. d061 "), run.toString());
    assertTrue(run.out().contains("query: Bessemer process\n  1. d082 "), run.toString());
    assertTrue(run.out().contains("query: how do plants make food from sunlight\n  1. d043 "), run.toString());
    assertTrue(run.out().matches("(?s).*score +\\d\\.\\d{4} \\| dense \\d\\.\\d{4}  sparse \\d+\\.\\d{4}  colbert \\d\\.\\d{4}.*"), run.toString());
  }
}
