package dev.m3search.elasticsearch.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.codecs.LegFields;
import dev.m3search.codecs.lateinteraction.M3LateInteractionFormat;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.perfield.PerFieldDocValuesFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each token mode's codec, found by Lucene's SPI under the name an index's {@code index.codec}
 * gives, writes an {@code m3} field's legs in m3search's formats, found by their names alone, and
 * leaves other fields to Lucene's; the segments read back and pass {@link CheckIndex}.
 */
class M3ElasticsearchCodecTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(TokenVectorMode.class)
  void eachModesCodecWritesTheLegsByTheirNames(TokenVectorMode mode) throws Exception {
    Codec codec = Codec.forName(M3ElasticsearchCodec.nameFor(mode));
    assertTrue(codec instanceof M3ElasticsearchCodec, codec.getClass().toString());
    try (Directory directory = FSDirectory.open(dir.resolve(mode.label()))) {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(codec))) {
        for (int d = 0; d < 50; d++) {
          Document doc = new Document();
          doc.add(new StringField("_id", "d" + d, Field.Store.YES));
          float angle = d / 10f;
          float[] unit = {(float) Math.cos(angle), (float) Math.sin(angle)};
          LegFields.of("emb").fields(unit, Map.of("t" + (d % 7), 0.5f), new float[][] {unit, {unit[1], -unit[0]}})
              .forEach(doc::add);
          writer.addDocument(doc);
        }
        writer.forceMerge(1);
      }
      assertEquals(M3ElasticsearchCodec.nameFor(mode), SegmentInfos.readLatestCommit(directory).info(0).info.getCodec().getName());
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        LeafReader leaf = reader.leaves().get(0).reader();
        FieldInfo tokens = leaf.getFieldInfos().fieldInfo("emb.colbert");
        assertEquals(M3LateInteractionFormat.NAME, tokens.getAttribute(PerFieldDocValuesFormat.PER_FIELD_FORMAT_KEY));
        assertNull(leaf.getFieldInfos().fieldInfo("_id").getAttribute(PerFieldDocValuesFormat.PER_FIELD_FORMAT_KEY),
            "other fields are Lucene's");
        assertEquals(50, leaf.getFloatVectorValues("emb.dense").size());
      }
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      try (CheckIndex check = new CheckIndex(directory)) {
        check.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8));
        assertTrue(check.checkIndex().clean, log.toString(StandardCharsets.UTF_8));
      }
    }
  }
}
