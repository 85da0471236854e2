package dev.m3search.elasticsearch;

import dev.m3search.clustertest.Distribution;
import dev.m3search.clustertest.PluginClusterContract;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.elasticsearch.codec.M3ElasticsearchCodec;
import java.util.Map;

/**
 * The plugin on a real two-node Elasticsearch 9.4.6 cluster on loopback ({@link
 * PluginClusterContract}): the same tests as the OpenSearch plugin's. An index chooses the codec,
 * and with it the token mode, by the codec's SPI name.
 */
class ElasticsearchClusterIT extends PluginClusterContract {
  @Override
  protected Distribution distribution() {
    return Distribution.ELASTICSEARCH;
  }

  @Override
  protected String codec(TokenVectorMode mode) {
    return M3ElasticsearchCodec.nameFor(mode);
  }

  @Override
  protected Map<String, Object> tokenModeMapping(TokenVectorMode mode) {
    return Map.of();
  }
}
