package dev.m3search.engine.index;

import dev.m3search.engine.model.ModelIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.codecs.perfield.PerFieldDocValuesFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldPostingsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SegmentReader;
import dev.m3search.codecs.M3Fields;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.codecs.lateinteraction.TokenVectorValues;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.util.BitUtil;
import org.apache.lucene.util.BytesRef;
import java.util.Set;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * What an index holds: live and deleted documents, segments, the model, and the bytes on disk of
 * each part. Per-field formats write files named {@code _seg_<Format>_<n>.ext}; the field infos
 * tell which fields each such suffix belongs to.
 *
 * @param bytesByPart bytes per part, named {@code field (format)} for per-field files and by kind
 *     (stored fields, norms, ...) for the rest
 * @param commitData what the last commit recorded besides the model (e.g. indexing progress)
 * @param tokens the token vectors of the colbert field: how many, in which modes, and their bytes
 */
public record IndexInfo(
    int documents,
    int deletedDocuments,
    int segments,
    ModelIdentity model,
    Map<String, Long> bytesByPart,
    Map<String, String> commitData,
    TokenStorage tokens) {

  /**
   * @param tokens token vectors of live and deleted documents (all of them take space)
   * @param tokensByMode how many of them each mode holds, read from the segments (each segment
   *     records its own; {@code float32} also for token vectors outside our format, as m3search 0.1
   *     wrote them)
   * @param dimension dimensions of a token vector
   * @param fieldBytes bytes on disk of the field's files
   */
  public record TokenStorage(long tokens, Map<String, Long> tokensByMode, int dimension, long fieldBytes) {
    /** The modes the segments hold, by label. */
    public Set<String> modes() {
      return tokensByMode.keySet();
    }

    /** The mode holding most of the tokens. */
    public String mainMode() {
      return tokensByMode.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** {@code 2bit}, or each mode with its share of the tokens: {@code 2bit 75.0%, int4 25.0%}. */
    public String describeModes() {
      if (tokensByMode.size() == 1) {
        return mainMode();
      }
      StringBuilder text = new StringBuilder();
      tokensByMode.forEach((mode, count) -> text.append(text.isEmpty() ? "" : ", ")
          .append(String.format(java.util.Locale.ROOT, "%s %.1f%%", mode, 100.0 * count / tokens)));
      return text.toString();
    }

    /** Bytes on disk per token: codes, correction terms, addressing, segment statistics, headers. */
    public double bytesPerToken() {
      return tokens == 0 ? 0 : (double) fieldBytes / tokens;
    }

    /** How many times smaller than float32 vectors. */
    public double compression() {
      return bytesPerToken() == 0 ? 0 : dimension * Float.BYTES / bytesPerToken();
    }
  }

  private static final List<String[]> PER_FIELD_KEYS =
      List.of(
          new String[] {PerFieldPostingsFormat.PER_FIELD_FORMAT_KEY, PerFieldPostingsFormat.PER_FIELD_SUFFIX_KEY},
          new String[] {PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY, PerFieldKnnVectorsFormat.PER_FIELD_SUFFIX_KEY},
          new String[] {PerFieldDocValuesFormat.PER_FIELD_FORMAT_KEY, PerFieldDocValuesFormat.PER_FIELD_SUFFIX_KEY});

  private static final Map<String, String> KIND_BY_EXTENSION =
      Map.ofEntries(
          Map.entry("fdt", "stored fields"),
          Map.entry("fdx", "stored fields"),
          Map.entry("fdm", "stored fields"),
          Map.entry("nvd", "norms"),
          Map.entry("nvm", "norms"),
          Map.entry("liv", "deletions"),
          Map.entry("fnm", "segment metadata"),
          Map.entry("si", "segment metadata"));

  public long totalBytes() {
    return bytesByPart.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Reads the info of the index at {@code path} from its last commit; no model is needed. */
  public static IndexInfo read(Path path) throws IOException {
    ModelIdentity model = M3Index.storedIdentity(path);
    if (model == null) {
      throw new IOException("no m3search index at " + path);
    }
    try (Directory directory = FSDirectory.open(path);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      return of(directory, reader, model, SegmentInfos.readLatestCommit(directory).getUserData());
    }
  }

  static IndexInfo of(Directory directory, DirectoryReader reader, ModelIdentity model, Map<String, String> commitData)
      throws IOException {
    Map<String, Long> bytes = new TreeMap<>();
    Map<String, Long> tokensByMode = new TreeMap<>();
    int dimension = 0;
    for (LeafReaderContext leaf : reader.leaves()) {
      dimension = Math.max(dimension, countTokens(leaf.reader().getBinaryDocValues(M3Fields.COLBERT), tokensByMode));
      SegmentCommitInfo segment = ((SegmentReader) leaf.reader()).getSegmentInfo();
      Map<String, String> partBySuffix = partsBySuffix(leaf.reader().getFieldInfos());
      for (String file : segment.files()) {
        bytes.merge(part(file, partBySuffix), directory.fileLength(file), Long::sum);
      }
    }
    Map<String, String> userData = new TreeMap<>(commitData);
    userData.keySet().removeIf(key -> key.startsWith(ModelIdentity.COMMIT_KEY_PREFIX));
    long fieldBytes =
        bytes.entrySet().stream()
            .filter(e -> e.getKey().startsWith(M3Fields.COLBERT + " ("))
            .mapToLong(Map.Entry::getValue)
            .sum();
    long tokens = tokensByMode.values().stream().mapToLong(Long::longValue).sum();
    TokenStorage storage = tokens == 0 ? null : new TokenStorage(tokens, tokensByMode, dimension, fieldBytes);
    return new IndexInfo(reader.numDocs(), reader.numDeletedDocs(), reader.leaves().size(), model, bytes, userData, storage);
  }

  /**
   * Adds one segment's token vectors to the count of the mode it stores them in, and returns their
   * dimension (0 without any). Fields outside the late-interaction format hold {@code
   * LateInteractionField} bytes: float32, the dimension first.
   */
  static int countTokens(BinaryDocValues values, Map<String, Long> tokensByMode) throws IOException {
    if (values == null) {
      return 0;
    }
    long tokens = 0;
    int dimension = 0;
    String mode;
    if (values instanceof TokenVectorValues codes) {
      mode = codes.mode().label();
      dimension = codes.dimension();
      for (int doc = codes.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = codes.nextDoc()) {
        tokens += codes.tokenCount();
      }
    } else {
      mode = TokenVectorMode.FLOAT32.label();
      for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
        BytesRef bytes = values.binaryValue();
        dimension = (int) BitUtil.VH_LE_INT.get(bytes.bytes, bytes.offset);
        tokens += (bytes.length - Integer.BYTES) / ((long) dimension * Float.BYTES);
      }
    }
    if (tokens > 0) {
      tokensByMode.merge(mode, tokens, Long::sum);
    }
    return dimension;
  }

  /** {@code Format_n} → {@code "field, field (Format)"}. */
  private static Map<String, String> partsBySuffix(Iterable<FieldInfo> fields) {
    Map<String, TreeSet<String>> fieldsBySuffix = new HashMap<>();
    for (FieldInfo field : fields) {
      for (String[] keys : PER_FIELD_KEYS) {
        String format = field.getAttribute(keys[0]);
        String suffix = field.getAttribute(keys[1]);
        if (format != null && suffix != null) {
          fieldsBySuffix.computeIfAbsent(format + "_" + suffix, s -> new TreeSet<>()).add(field.name);
        }
      }
    }
    Map<String, String> parts = new HashMap<>();
    fieldsBySuffix.forEach(
        (suffix, names) ->
            parts.put(suffix, String.join(", ", names) + " (" + suffix.substring(0, suffix.lastIndexOf('_')) + ")"));
    return parts;
  }

  private static String part(String file, Map<String, String> partBySuffix) {
    int dot = file.lastIndexOf('.');
    String stem = dot < 0 ? file : file.substring(0, dot);
    String extension = dot < 0 ? "" : file.substring(dot + 1);
    int firstUnderscore = stem.indexOf('_', 1);
    if (firstUnderscore > 0) {
      String part = partBySuffix.get(stem.substring(firstUnderscore + 1));
      if (part != null) {
        return part;
      }
    }
    return KIND_BY_EXTENSION.getOrDefault(extension, "other (." + extension + ")");
  }
}
