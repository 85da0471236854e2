/** The {@code m3_encode} ingest processor: a text field encoded into an {@code m3} field with the node's model. */
package dev.m3search.elasticsearch.encode;
