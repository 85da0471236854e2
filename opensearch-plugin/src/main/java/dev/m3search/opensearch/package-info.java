/**
 * m3search as an OpenSearch 3.6.0 plugin ({@link dev.m3search.opensearch.M3SearchPlugin}): the
 * same codec, fields and hybrid query as the embedded engine, on a cluster that shards, replicates
 * and recovers.
 */
package dev.m3search.opensearch;
