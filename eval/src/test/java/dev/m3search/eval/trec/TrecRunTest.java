package dev.m3search.eval.trec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrecRunTest {
  @TempDir Path dir;

  @Test
  void writesAndReadsTrecLines() throws Exception {
    TrecRun run = new TrecRun("dense");
    run.put("q1", List.of(new RankedDoc("d2", 0.5), new RankedDoc("d1", 0.75)));
    run.put("q2", List.of(new RankedDoc("d3", 1)));
    Path file = dir.resolve("dense.run");
    run.write(file);
    assertEquals(
        List.of("q1 Q0 d1 1 0.750000 dense", "q1 Q0 d2 2 0.500000 dense", "q2 Q0 d3 1 1.000000 dense"),
        Files.readAllLines(file));
    TrecRun back = TrecRun.read(file);
    assertEquals("dense", back.tag());
    assertEquals(run.rankings(), back.rankings());
  }

  @Test
  void aBadLineNamesFileAndLine() throws Exception {
    Path file = dir.resolve("bad.run");
    Files.writeString(file, "q1 Q0 d1 1 0.5 t\nq1 Q0 d2 2 high t\n");
    IOException e = assertThrows(IOException.class, () -> TrecRun.read(file));
    assertTrue(e.getMessage().startsWith(file + ":2: score 'high'"), e.getMessage());
  }
}
