/**
 * The index codecs, one per token mode, found by Lucene's SPI under the name {@code index.codec}
 * gives: m3search's formats for the legs of {@code m3} fields, found by their names, and Lucene's
 * default codec for everything else.
 */
package dev.m3search.elasticsearch.codec;
