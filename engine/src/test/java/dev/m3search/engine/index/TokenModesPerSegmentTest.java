package dev.m3search.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.codecs.DenseVectorMode;
import dev.m3search.codecs.M3FieldFormats;
import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.engine.onnx.TinyEncoder;
import dev.m3search.engine.onnx.TinyM3Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token mode an index reports is what its segments hold: each segment is written in the mode
 * its writer was configured with, a merge writes the merging writer's, and {@code info} and {@link
 * StorageModes#stored} read the segments rather than the last commit.
 */
class TokenModesPerSegmentTest {
  private static final List<TokenVectorMode> MODES =
      List.of(TokenVectorMode.INT8, TokenVectorMode.BIT2, TokenVectorMode.FLOAT32, TokenVectorMode.INT4);

  @RegisterExtension static final TinyEncoder TINY = new TinyEncoder();

  @TempDir Path dir;

  @Test
  void forceMergingFourModesGivesTheConfiguredModeAndInfoReportsIt() throws Exception {
    for (TokenVectorMode mode : MODES) {
      IndexConfig config = IndexConfig.defaults().withStorage(StorageModes.defaults().withTokens(mode));
      try (M3Index index = M3Index.open(dir, TINY.encoder(), config)) {
        index.add(documents(mode.label()));
        index.commit(Map.of());
      }
    }
    IndexInfo before = IndexInfo.read(dir);
    assertEquals(4, before.segments());
    assertEquals(Set.of("int8", "2bit", "float32", "int4"), before.tokens().modes(), "each segment in its own mode");
    assertEquals(before.tokens().tokens(), before.tokens().tokensByMode().values().stream().mapToLong(Long::longValue).sum());
    assertTrue(before.tokens().describeModes().contains("%"), before.tokens().describeModes());

    // the codec M3Index configures for 2bit; the last commit still records int4
    IndexWriterConfig merging = new IndexWriterConfig()
        .setCodec(new M3Lucene104Codec(new M3FieldFormats(DenseVectorMode.FLOAT32, TokenVectorMode.BIT2)))
        .setMergePolicy(new LogDocMergePolicy()); // segment order: the last source is int4
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, merging)) {
      writer.forceMerge(1);
      writer.commit();
    }
    try (Directory directory = FSDirectory.open(dir);
        CheckIndex check = new CheckIndex(directory)) {
      assertTrue(check.checkIndex().clean);
    }
    IndexInfo after = IndexInfo.read(dir);
    assertEquals(1, after.segments());
    assertEquals(Set.of("2bit"), after.tokens().modes());
    assertEquals(before.tokens().tokens(), after.tokens().tokens());
    assertEquals("2bit", after.tokens().describeModes());
    assertEquals(TokenVectorMode.BIT2, StorageModes.stored(dir).tokens(), "what the segments hold, not the commit's int4");
  }

  @Test
  void anIndexWithoutRecordedModesReportsWhatM3IndexWrites() throws Exception {
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(new M3Lucene104Codec()))) {
      writer.commit();
    }
    assertEquals(StorageModes.defaults(), StorageModes.stored(dir));
  }

  private static List<SourceDocument> documents(String prefix) {
    List<String> words = TinyM3Model.VOCAB.subList(4, TinyM3Model.VOCAB.size());
    List<SourceDocument> docs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w <= i % 7; w++) {
        text.append(words.get((i * 7 + w * 3) % words.size())).append(' ');
      }
      docs.add(new SourceDocument(prefix + "-" + i, "", text.toString().strip()));
    }
    return docs;
  }
}
