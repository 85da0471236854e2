/**
 * The {@code m3search} index codec: m3search's formats for the legs of {@code m3} fields, OpenSearch's
 * default codec for everything else, registered through {@code EnginePlugin#getAdditionalCodecs}.
 */
package dev.m3search.opensearch.codec;
