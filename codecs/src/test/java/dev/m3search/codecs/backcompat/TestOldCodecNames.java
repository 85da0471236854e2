package dev.m3search.codecs.backcompat;

import dev.m3search.codecs.M3CodecV0;
import dev.m3search.codecs.M3FieldFormats;
import dev.m3search.codecs.M3Fields;
import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.codecs.M3Lucene104LegacyCodec;
import dev.m3search.codecs.lateinteraction.M3LateInteraction10LegacyFormat;
import dev.m3search.codecs.lateinteraction.M3LateInteractionFormat;
import dev.m3search.codecs.lateinteraction.SegmentMaxSim;
import dev.m3search.codecs.sparse.BlockMaxSparsePostingsFormat;
import dev.m3search.codecs.sparse.M3BlockMaxSparse104LegacyFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.perfield.PerFieldDocValuesFormat;
import org.apache.lucene.codecs.perfield.PerFieldPostingsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.tests.util.TestUtil;
import org.apache.lucene.util.Bits;

/**
 * Names from before they carried the project's format version stay readable: {@code
 * m3lucene104-v0.zip} was written under codec {@code M3Lucene104} with formats {@code
 * M3LateInteraction10} and {@code M3BlockMaxSparse104}. SPI finds a read-only class for each old
 * name; the index opens and reads under them, beside a segment written under today's names, and a
 * merge writes today's names only.
 */
public class TestOldCodecNames extends LuceneTestCase {
  private static final String INDEX = "m3lucene104-v0";

  public void testOldNamesAreRegistered() {
    assertEquals(M3Lucene104LegacyCodec.class, Codec.forName("M3Lucene104").getClass());
    assertEquals(M3CodecV0.class, Codec.forName("M3Codec").getClass());
    assertEquals(M3LateInteraction10LegacyFormat.class, DocValuesFormat.forName("M3LateInteraction10").getClass());
    assertEquals(M3BlockMaxSparse104LegacyFormat.class, PostingsFormat.forName("M3BlockMaxSparse104").getClass());
    assertEquals(M3Lucene104Codec.class, Codec.forName(M3Lucene104Codec.NAME).getClass());
    assertEquals(M3LateInteractionFormat.class, DocValuesFormat.forName(M3LateInteractionFormat.NAME).getClass());
    assertEquals(BlockMaxSparsePostingsFormat.class, PostingsFormat.forName(BlockMaxSparsePostingsFormat.NAME).getClass());
  }

  public void testOldFormatsOnlyRead() {
    expectThrows(UnsupportedOperationException.class, () -> new M3LateInteraction10LegacyFormat().fieldsConsumer(null));
    expectThrows(UnsupportedOperationException.class, () -> new M3BlockMaxSparse104LegacyFormat().fieldsConsumer(null));
  }

  public void testOldNamesReadAndMergeIntoNewNames() throws Exception {
    Path path = unzip(INDEX + ".zip");
    try (Directory directory = FSDirectory.open(path)) {
      for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
        assertEquals("M3Lucene104", segment.info.getCodec().getName());
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(Set.of("M3LateInteraction10", "M3BlockMaxSparse104"), formatNames(reader));
      }
      float[][] query = BackCompatData.queryTokens();
      float[] before = maxSims(directory, query);

      // a segment under today's names beside the old ones, then a merge of all of them
      IndexWriterConfig config = new IndexWriterConfig()
          .setCodec(new M3Lucene104Codec(M3FieldFormats.defaults().withBlockMaxSparse(true)))
          .setMergePolicy(NoMergePolicy.INSTANCE);
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        writer.addDocument(GenerateBackCompatIndex.document(BackCompatData.DOCUMENTS));
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(4, reader.leaves().size());
        assertEquals(
            Set.of("M3LateInteraction10", "M3BlockMaxSparse104", M3LateInteractionFormat.NAME, BlockMaxSparsePostingsFormat.NAME),
            formatNames(reader));
      }
      TestUtil.checkIndex(directory);

      config = new IndexWriterConfig()
          .setCodec(new M3Lucene104Codec(M3FieldFormats.defaults().withBlockMaxSparse(true)));
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        writer.forceMerge(1);
      }
      TestUtil.checkIndex(directory);
      SegmentInfos merged = SegmentInfos.readLatestCommit(directory);
      assertEquals(1, merged.size());
      assertEquals(M3Lucene104Codec.NAME, merged.info(0).info.getCodec().getName());
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(Set.of(M3LateInteractionFormat.NAME, BlockMaxSparsePostingsFormat.NAME), formatNames(reader));
        assertEquals(BackCompatData.DOCUMENTS - BackCompatData.DELETED.length + 1, reader.numDocs());
      }
      float[] after = maxSims(directory, query);
      for (int doc = 0; doc < BackCompatData.DOCUMENTS; doc++) {
        if (BackCompatData.deleted(doc) == false) {
          // the merge re-quantises 2bit and int4 codes into 2bit: close, not equal
          assertEquals(BackCompatData.id(doc), before[doc], after[doc], 0.1f);
        }
      }
    }
  }

  /** The per-field postings and doc values format names of the index's segments. */
  private static Set<String> formatNames(DirectoryReader reader) {
    Set<String> names = new HashSet<>();
    for (var leaf : reader.leaves()) {
      for (FieldInfo field : leaf.reader().getFieldInfos()) {
        String postings = field.getAttribute(PerFieldPostingsFormat.PER_FIELD_FORMAT_KEY);
        String docValues = field.getAttribute(PerFieldDocValuesFormat.PER_FIELD_FORMAT_KEY);
        if (postings != null && postings.startsWith("M3")) {
          names.add(postings);
        }
        if (docValues != null && docValues.startsWith("M3")) {
          names.add(docValues);
        }
      }
    }
    return names;
  }

  /** MaxSim of every document written by the generator, by its number; NaN for the deleted. */
  private static float[] maxSims(Directory directory, float[][] query) throws IOException {
    float[] scores = new float[BackCompatData.DOCUMENTS + 1];
    java.util.Arrays.fill(scores, Float.NaN);
    try (DirectoryReader reader = DirectoryReader.open(directory)) {
      for (var leaf : reader.leaves()) {
        LeafReader segment = leaf.reader();
        Bits live = segment.getLiveDocs();
        SegmentMaxSim maxSim = SegmentMaxSim.create(segment, M3Fields.COLBERT, query);
        for (int doc = 0; doc < segment.maxDoc(); doc++) {
          if (live == null || live.get(doc)) {
            String id = segment.storedFields().document(doc).get(M3Fields.ID);
            scores[Integer.parseInt(id.substring(1))] = maxSim.score(doc);
          }
        }
      }
    }
    return scores;
  }

  private Path unzip(String resource) throws IOException {
    return BackCompatData.unzip(resource, createTempDir(resource));
  }
}
