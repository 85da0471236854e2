package dev.m3search.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.codecs.M3Lucene104Codec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL during indexing: a child JVM runs {@code m3search index} with frequent commits and is
 * killed after its second commit. The index must open, pass CheckIndex and hold exactly a commit.
 */
class KilledIndexingTest {
  private static final Pattern COMMITTED = Pattern.compile("committed ([\\d,]+) documents");

  @TempDir Path dir;

  @Test
  void killedRunLeavesAnIndexAtItsLastCommit() throws Exception {
    Path input = dir.resolve("corpus.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      lines.add("{\"_id\": \"doc" + i + "\", \"text\": \"Passage number " + i + " about topic " + (i % 17) + ".\"}");
    }
    Files.write(input, lines);
    Path index = dir.resolve("index");

    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                M3SearchCli.class.getName(),
                "index",
                "--input",
                input.toString(),
                "--index",
                index.toString(),
                "--commit-every",
                "64",
                "--batch",
                "8")
            .redirectErrorStream(true)
            .start();
    long lastCommitSeen = -1;
    int commitsSeen = 0;
    StringBuilder output = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (commitsSeen < 2 && (line = out.readLine()) != null) {
        output.append(line).append('\n');
        Matcher m = COMMITTED.matcher(line);
        if (m.find()) {
          lastCommitSeen = Long.parseLong(m.group(1).replace(",", ""));
          commitsSeen++;
        }
      }
      child.destroyForcibly(); // SIGKILL on Unix
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    }
    assertEquals(2, commitsSeen, "the child committed twice before the kill:\n" + output);
    assertTrue(child.exitValue() != 0, "the child was killed, not finished");

    try (Directory directory = FSDirectory.open(index)) {
      CheckIndex.Status status;
      try (CheckIndex check = new CheckIndex(directory)) {
        status = check.checkIndex();
      }
      assertTrue(status.clean, "CheckIndex finds the killed index clean");
      Map<String, String> commit = SegmentInfos.readLatestCommit(directory).getUserData();
      long committed = Long.parseLong(commit.get("m3.indexer.documents"));
      assertTrue(committed >= lastCommitSeen, committed + " >= " + lastCommitSeen);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(committed, reader.numDocs(), "the index holds exactly its last commit");
        assertEquals(M3Lucene104Codec.NAME, SegmentInfos.readLatestCommit(directory).info(0).info.getCodec().getName());
      }
    }
  }
}
