package dev.m3search.engine.index;

import dev.m3search.codecs.M3FieldFormats;
import dev.m3search.codecs.M3Fields;
import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.codecs.lateinteraction.TokenVectorsField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FilterCodecReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Rewrites an index with other {@link StorageModes}, without encoding any text again: Lucene's
 * {@link IndexWriter#addIndexes(CodecReader...)} merges the source segments into a new index whose
 * codec writes the new modes. Quantised token vectors are re-quantised from what the source
 * stores, so the source should be float32 when quality matters. Token vectors of m3search 0.1,
 * plain {@code LateInteractionField} bytes, are marked as token vectors on the way, so they are
 * encoded in the new mode too. An index of the {@link MetadataLayout#SHARED_FIELD} layout is
 * written in {@link MetadataLayout#FIELD_PER_KIND} (see {@link FieldPerKindReader}).
 */
public final class IndexRecoder {
  private IndexRecoder() {}

  /** Writes {@code source} into the empty or missing folder {@code target} with {@code modes}. */
  public static void recode(Path source, Path target, StorageModes modes) throws IOException {
    if (Files.isDirectory(target)) {
      try (var entries = Files.list(target)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(target + " is not empty; recode writes into a new folder");
        }
      }
    }
    Files.createDirectories(target);
    try (Directory from = FSDirectory.open(source);
        DirectoryReader reader = DirectoryReader.open(from);
        Directory to = FSDirectory.open(target)) {
      Map<String, String> commitData = new LinkedHashMap<>(SegmentInfos.readLatestCommit(from).getUserData());
      commitData.putAll(modes.toCommitData());
      commitData.putAll(MetadataLayout.FIELD_PER_KIND.toCommitData());
      IndexWriterConfig config =
          new IndexWriterConfig()
              .setCodec(new M3Lucene104Codec(new M3FieldFormats(modes.dense(), modes.tokens())))
              .setUseCompoundFile(false)
              .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      try (IndexWriter writer = new IndexWriter(to, config)) {
        List<CodecReader> leaves = new ArrayList<>();
        for (LeafReaderContext leaf : reader.leaves()) {
          leaves.add(new MarkedTokenVectors(FieldPerKindReader.of((CodecReader) leaf.reader())));
        }
        writer.addIndexes(leaves.toArray(CodecReader[]::new));
        writer.setLiveCommitData(commitData.entrySet());
        writer.commit();
      }
    }
  }

  /** A source segment whose token vector field is marked as {@link TokenVectorsField}s. */
  private static final class MarkedTokenVectors extends FilterCodecReader {
    private final FieldInfos fieldInfos;

    MarkedTokenVectors(CodecReader in) {
      super(in);
      List<FieldInfo> infos = new ArrayList<>();
      for (FieldInfo info : in.getFieldInfos()) {
        infos.add(M3Fields.COLBERT.equals(info.name) ? marked(info) : info);
      }
      this.fieldInfos = new FieldInfos(infos.toArray(FieldInfo[]::new));
    }

    private static FieldInfo marked(FieldInfo info) {
      Map<String, String> attributes = new HashMap<>(info.attributes());
      attributes.put(TokenVectorsField.CONTENT_ATTRIBUTE, TokenVectorsField.CONTENT_VALUE);
      return new FieldInfo(
          info.name, info.number, info.hasTermVectors(), info.omitsNorms(), info.hasPayloads(),
          info.getIndexOptions(), info.getDocValuesType(), info.docValuesSkipIndexType(),
          info.getDocValuesGen(), attributes, info.getPointDimensionCount(),
          info.getPointIndexDimensionCount(), info.getPointNumBytes(), info.getVectorDimension(),
          info.getVectorEncoding(), info.getVectorSimilarityFunction(), info.isSoftDeletesField(),
          info.isParentField());
    }

    @Override
    public FieldInfos getFieldInfos() {
      return fieldInfos;
    }

    @Override
    public CacheHelper getCoreCacheHelper() {
      return null;
    }

    @Override
    public CacheHelper getReaderCacheHelper() {
      return null;
    }
  }
}
