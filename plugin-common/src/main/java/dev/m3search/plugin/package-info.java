/**
 * What the OpenSearch and Elasticsearch plugins share, so that the two cannot drift: the {@code
 * m3} field's JSON form ({@link dev.m3search.plugin.Representations}: dense, sparse and ColBERT,
 * parsed and validated with errors that name the leg) and the {@code m3_hybrid} query's ranking
 * options ({@link dev.m3search.plugin.HybridOptions}: mode, fusion, weights, depth, and the
 * defaults and checks of a field with or without token vectors). Each plugin reads its engine's
 * {@code XContentParser} through {@link dev.m3search.plugin.JsonSource}; writing requests to the
 * wire and to XContent stays with the plugin, since those APIs differ.
 */
package dev.m3search.plugin;
