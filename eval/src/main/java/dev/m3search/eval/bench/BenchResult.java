package dev.m3search.eval.bench;

import java.util.List;
import java.util.Map;

/**
 * What a search benchmark measured.
 *
 * @param encoding query encoding latency (single thread), apart from search; null for queries
 *     encoded elsewhere (generated with the documents)
 * @param search mode → thread count → search latency and QPS (queries pre-encoded)
 * @param recallAgainstExact mode → mean recall@k of the approximate top k against the exact top k
 * @param singleLegOverhead the dense and sparse modes against the bare Lucene queries they wrap
 * @param bytesOnDisk the index folder's files
 * @param heapBytes heap in use after the searches and a full collection, the index still open
 */
public record BenchResult(
    String index,
    String model,
    int documents,
    int queries,
    BenchOptions options,
    LatencyStats encoding,
    Map<String, Map<Integer, LatencyStats>> search,
    Map<String, Double> recallAgainstExact,
    List<SingleLegOverhead> singleLegOverhead,
    long bytesOnDisk,
    long heapBytes) {}
