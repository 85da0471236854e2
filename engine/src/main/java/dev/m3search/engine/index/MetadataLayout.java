package dev.m3search.engine.index;

import dev.m3search.codecs.M3Fields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Which Lucene fields hold the numbers of a metadata key, recorded with each commit. Keywords are
 * always {@code meta.KEY}. Lucene fixes a field's structure on its first document, so where the
 * numbers go decides whether a key may be a number in one document and a string in another.
 */
public enum MetadataLayout {
  /**
   * Indexes written before the layout was recorded: the points in the keyword field, {@code
   * meta.KEY}. A key with a number in one document and no number in another cannot be indexed;
   * such an index keeps this layout, so that documents added to it match its fields, until {@link
   * IndexRecoder} rewrites it.
   */
  SHARED_FIELD("shared-field"),
  /** The points in a field of their own, {@link M3Fields#metadataNumber}: any mix of types indexes. */
  FIELD_PER_KIND("field-per-kind");

  static final String COMMIT_KEY = "m3.metadata.layout";

  private final String label;

  MetadataLayout(String label) {
    this.label = label;
  }

  /** Whether a key may hold numbers in some documents and other values in others. */
  public boolean indexesMixedKinds() {
    return this == FIELD_PER_KIND;
  }

  /** The Lucene field of the points of {@code key}. */
  String numberField(String key) {
    return this == SHARED_FIELD ? M3Fields.metadata(key) : M3Fields.metadataNumber(key);
  }

  Map<String, String> toCommitData() {
    return Map.of(COMMIT_KEY, label);
  }

  /**
   * For an index at {@code path} of the {@link #SHARED_FIELD} layout, each metadata key and whether
   * its field holds numbers (then every document with the key holds one); null for any other index
   * or none. A document whose key holds numbers where the field holds none, or the reverse, cannot
   * be added to it.
   */
  public static Map<String, Boolean> sharedFieldKeys(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return null;
    }
    try (FSDirectory directory = FSDirectory.open(path)) {
      if (!DirectoryReader.indexExists(directory) || of(directory) != SHARED_FIELD) {
        return null;
      }
      return holdsNumbersByKey(directory);
    }
  }

  /** Each metadata key of the index and whether its keyword field holds points. */
  private static Map<String, Boolean> holdsNumbersByKey(Directory directory) throws IOException {
    Map<String, Boolean> keys = new TreeMap<>();
    try (DirectoryReader reader = DirectoryReader.open(directory)) {
      for (FieldInfo field : FieldInfos.getMergedFieldInfos(reader)) {
        if (field.name.startsWith(M3Fields.METADATA_PREFIX)) {
          keys.put(field.name.substring(M3Fields.METADATA_PREFIX.length()), field.getPointDimensionCount() > 0);
        }
      }
    }
    return keys;
  }

  /**
   * The layout of the index in {@code directory}: the one its last commit records; for an index
   * that records none, {@link #SHARED_FIELD} if a keyword field holds points, else {@link
   * #FIELD_PER_KIND} (no document can conflict with it).
   */
  static MetadataLayout of(Directory directory) throws IOException {
    String recorded = SegmentInfos.readLatestCommit(directory).getUserData().get(COMMIT_KEY);
    if (recorded != null) {
      for (MetadataLayout layout : values()) {
        if (layout.label.equals(recorded)) {
          return layout;
        }
      }
      throw new IOException("unknown metadata layout '" + recorded + "' in the index's commit; a newer m3search wrote it");
    }
    return holdsNumbersByKey(directory).containsValue(true) ? SHARED_FIELD : FIELD_PER_KIND;
  }
}
