/** The {@code m3_hybrid} query: the embedded engine's {@code HybridQuery} on an {@code m3} field. */
package dev.m3search.elasticsearch.search;
