package dev.m3search.opensearch;

import dev.m3search.opensearch.codec.M3AdditionalCodecs;
import dev.m3search.opensearch.encode.M3EncodeProcessor;
import dev.m3search.plugin.NodeEncoder;
import java.io.IOException;
import dev.m3search.opensearch.mapper.M3FieldMapper;
import dev.m3search.opensearch.search.M3HybridQueryBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opensearch.common.settings.Setting;
import org.opensearch.common.settings.Settings;
import org.opensearch.index.IndexSettings;
import org.opensearch.index.codec.AdditionalCodecs;
import org.opensearch.index.mapper.Mapper;
import org.opensearch.ingest.Processor;
import org.opensearch.plugins.EnginePlugin;
import org.opensearch.plugins.IngestPlugin;
import org.opensearch.plugins.MapperPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.SearchPlugin;

/**
 * m3search in OpenSearch: the {@code m3} field type (dense vector, sparse weights and token
 * vectors of one text), the codec that stores them in m3search's formats ({@code "index.codec":
 * "m3search"}), the {@code m3_hybrid} query that fuses the three legs as the embedded engine
 * does, and the {@code m3_encode} ingest processor and query {@code text} that encode text inside
 * the cluster with the node's model ({@code m3search.model}).
 */
public final class M3SearchPlugin extends Plugin implements EnginePlugin, MapperPlugin, SearchPlugin, IngestPlugin {
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
  public Map<String, Processor.Factory> getProcessors(Processor.Parameters parameters) {
    return Map.of(M3EncodeProcessor.TYPE, new M3EncodeProcessor.Factory(encoder));
  }

  @Override
  public void close() throws IOException {
    encoder.close();
  }

  @Override
  public Optional<AdditionalCodecs> getAdditionalCodecs(IndexSettings indexSettings) {
    // composable with other plugins' codecs, unlike a CodecServiceFactory (one per index)
    return Optional.of(new M3AdditionalCodecs());
  }

  @Override
  public Map<String, Mapper.TypeParser> getMappers() {
    return Map.of(M3FieldMapper.CONTENT_TYPE, M3FieldMapper.PARSER);
  }

  @Override
  public List<QuerySpec<?>> getQueries() {
    return List.of(new QuerySpec<>(M3HybridQueryBuilder.NAME, M3HybridQueryBuilder::new, parser -> M3HybridQueryBuilder.fromXContent(parser, encoder)));
  }
}
