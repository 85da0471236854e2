/**
 * m3search as an Elasticsearch 9.4 plugin: the {@code m3} field ({@code mapper}), the {@code
 * m3_hybrid} query ({@code search}), the {@code m3_encode} processor ({@code encode}) and the
 * codec ({@code codec}). What it shares with the OpenSearch plugin (the field's JSON form, the
 * query's body, the node's encoder) is in {@code dev.m3search.plugin}.
 */
package dev.m3search.elasticsearch;
