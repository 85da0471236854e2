package dev.m3search.engine.index;

import dev.m3search.codecs.M3Fields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.PointsReader;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DocValuesSkipIndexType;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FilterCodecReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * A segment of the {@link MetadataLayout#SHARED_FIELD} layout seen in the {@link
 * MetadataLayout#FIELD_PER_KIND} layout: the points of each keyword field {@code meta.KEY} appear
 * under {@code meta_num.KEY} instead, the terms stay. Merged into a new index by {@link
 * IndexRecoder}, it moves an old index's numbers to the fields of their own, without encoding.
 */
final class FieldPerKindReader extends FilterCodecReader {
  private final FieldInfos fieldInfos;
  /** Each number field's keyword field, where the points are read. */
  private final Map<String, String> pointsSource;

  private FieldPerKindReader(CodecReader in, FieldInfos fieldInfos, Map<String, String> pointsSource) {
    super(in);
    this.fieldInfos = fieldInfos;
    this.pointsSource = pointsSource;
  }

  /** {@code segment} in the field-per-kind layout; itself when no keyword field holds points. */
  static CodecReader of(CodecReader segment) {
    List<FieldInfo> infos = new ArrayList<>();
    Map<String, String> pointsSource = new HashMap<>();
    int nextNumber = 0;
    for (FieldInfo info : segment.getFieldInfos()) {
      nextNumber = Math.max(nextNumber, info.number + 1);
    }
    for (FieldInfo info : segment.getFieldInfos()) {
      if (!info.name.startsWith(M3Fields.METADATA_PREFIX) || info.getPointDimensionCount() == 0) {
        infos.add(info);
        continue;
      }
      String key = info.name.substring(M3Fields.METADATA_PREFIX.length());
      String numbers = M3Fields.metadataNumber(key);
      infos.add(withoutPoints(info));
      infos.add(pointsOnly(numbers, nextNumber++, info));
      pointsSource.put(numbers, info.name);
    }
    if (pointsSource.isEmpty()) {
      return segment;
    }
    return new FieldPerKindReader(segment, new FieldInfos(infos.toArray(FieldInfo[]::new)), Map.copyOf(pointsSource));
  }

  private static FieldInfo withoutPoints(FieldInfo info) {
    return new FieldInfo(
        info.name, info.number, info.hasTermVectors(), info.omitsNorms(), info.hasPayloads(),
        info.getIndexOptions(), info.getDocValuesType(), info.docValuesSkipIndexType(),
        info.getDocValuesGen(), info.attributes(), 0, 0, 0, info.getVectorDimension(),
        info.getVectorEncoding(), info.getVectorSimilarityFunction(), info.isSoftDeletesField(),
        info.isParentField());
  }

  /** A field of {@code points}'s points only, as a {@code DoublePoint} alone makes it. */
  private static FieldInfo pointsOnly(String name, int number, FieldInfo points) {
    return new FieldInfo(
        name, number, false, false, false, IndexOptions.NONE, DocValuesType.NONE, DocValuesSkipIndexType.NONE,
        -1, Map.of(), points.getPointDimensionCount(), points.getPointIndexDimensionCount(),
        points.getPointNumBytes(), 0, VectorEncoding.FLOAT32, VectorSimilarityFunction.EUCLIDEAN, false, false);
  }

  @Override
  public FieldInfos getFieldInfos() {
    return fieldInfos;
  }

  @Override
  public PointsReader getPointsReader() {
    PointsReader points = in.getPointsReader();
    return points == null ? null : new MovedPoints(points);
  }

  /** The points of the keyword fields, read under the number fields' names. */
  private final class MovedPoints extends PointsReader {
    private final PointsReader in;

    MovedPoints(PointsReader in) {
      this.in = in;
    }

    @Override
    public PointValues getValues(String field) throws IOException {
      String source = pointsSource.get(field);
      if (source != null) {
        return in.getValues(source);
      }
      // a keyword field's points are under its number field now; any other field's are its own
      return pointsSource.containsValue(field) ? null : in.getValues(field);
    }

    @Override
    public void checkIntegrity() throws IOException {
      in.checkIntegrity();
    }

    @Override
    public PointsReader getMergeInstance() {
      return new MovedPoints(in.getMergeInstance());
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
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
