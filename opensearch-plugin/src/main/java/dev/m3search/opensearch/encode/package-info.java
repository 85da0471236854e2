/** Text encoded inside the cluster: the node's model, the {@code m3_encode} ingest processor. */
package dev.m3search.opensearch.encode;
