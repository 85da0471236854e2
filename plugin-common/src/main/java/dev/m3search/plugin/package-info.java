/**
 * What the OpenSearch and Elasticsearch plugins share, so that the two cannot drift: the {@code
 * m3} field ({@link dev.m3search.plugin.M3Field}: its mapping, and a document read into its legs)
 * and its JSON form ({@link dev.m3search.plugin.Representations}: dense, sparse and ColBERT,
 * parsed and validated with errors that name the leg); the {@code m3_hybrid} body ({@link
 * dev.m3search.plugin.HybridRequest}) and its ranking options ({@link
 * dev.m3search.plugin.HybridOptions}: mode, fusion, weights, depth, and the defaults and checks of
 * a field with or without token vectors); and the node's encoder ({@link
 * dev.m3search.plugin.NodeEncoder}). Each plugin reads its engine's
 * {@code XContentParser} through {@link dev.m3search.plugin.JsonSource}; writing requests to the
 * wire and to XContent stays with the plugin, since those APIs differ.
 */
package dev.m3search.plugin;
