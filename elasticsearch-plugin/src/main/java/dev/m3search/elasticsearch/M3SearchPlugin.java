package dev.m3search.elasticsearch;

import dev.m3search.elasticsearch.encode.M3EncodeProcessor;
import dev.m3search.elasticsearch.mapper.M3FieldMapper;
import dev.m3search.elasticsearch.search.M3HybridQueryBuilder;
import dev.m3search.plugin.NodeEncoder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.mapper.Mapper;
import org.elasticsearch.ingest.Processor;
import org.elasticsearch.plugins.IngestPlugin;
import org.elasticsearch.plugins.MapperPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.SearchPlugin;

/**
 * m3search in Elasticsearch: the {@code m3} field type, the codec that stores its legs in
 * m3search's formats ({@code "index.codec": "M3v1Lucene104Elasticsearch"}, found by Lucene's SPI),
 * the {@code m3_hybrid} query, and the {@code m3_encode} ingest processor and query {@code text}
 * that encode text inside the cluster with the node's model ({@code m3search.model}).
 */
public final class M3SearchPlugin extends Plugin implements MapperPlugin, SearchPlugin, IngestPlugin {
  /** The model the node encodes text with: a built-in name or a model folder ({@link NodeEncoder}). */
  public static final Setting<String> MODEL =
      Setting.simpleString(NodeEncoder.SETTING, NodeEncoder.DEFAULT_MODEL, Setting.Property.NodeScope);

  private final NodeEncoder encoder;

  public M3SearchPlugin(Settings settings) {
    this.encoder = new NodeEncoder(MODEL.get(settings));
  }

  @Override
  public List<Setting<?>> getSettings() {
    return List.of(MODEL);
  }

  @Override
  public Map<String, Mapper.TypeParser> getMappers() {
    return Map.of(M3FieldMapper.CONTENT_TYPE, M3FieldMapper.PARSER);
  }

  @Override
  public List<QuerySpec<?>> getQueries() {
    return List.of(new QuerySpec<>(M3HybridQueryBuilder.NAME, M3HybridQueryBuilder::new,
        parser -> M3HybridQueryBuilder.fromXContent(parser, encoder)));
  }

  @Override
  public Map<String, Processor.Factory> getProcessors(Processor.Parameters parameters) {
    return Map.of(M3EncodeProcessor.TYPE, new M3EncodeProcessor.Factory(encoder));
  }

  @Override
  public void close() throws IOException {
    encoder.close();
  }
}
