package dev.m3search.opensearch;

import dev.m3search.clustertest.Distribution;
import dev.m3search.clustertest.PluginClusterContract;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import java.util.Map;

/**
 * The plugin on a real two-node OpenSearch 3.6.0 cluster on loopback ({@link
 * PluginClusterContract}). An index takes the codec by its alias, {@code "m3search"}, and each
 * {@code m3} field its token mode in the mapping ({@code token_mode}).
 */
class M3ClusterIT extends PluginClusterContract {
  @Override
  protected Distribution distribution() {
    return Distribution.OPENSEARCH;
  }

  @Override
  protected String codec(TokenVectorMode mode) {
    return "m3search";
  }

  @Override
  protected Map<String, Object> tokenModeMapping(TokenVectorMode mode) {
    return Map.of("token_mode", mode.label());
  }
}
