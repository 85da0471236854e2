/**
 * The embedded m3search index: open, add, replace, delete, commit, search, explain, rerank.
 *
 * <p>A complete program, on the default model ({@code PackageDocsExampleTest} runs this very
 * text, with {@code dir} a new folder):
 *
 * <pre>{@code
 * try (M3Encoder encoder = M3Encoder.openDefault();
 *      M3Index index = M3Index.open(dir, encoder, IndexConfig.defaults().withMaxStaleness(Duration.ofSeconds(1)))) {
 *   index.add(List.of(
 *       new SourceDocument("d1", "Tides", "The Moon's gravity raises the sea twice a day.", Map.of("topic", "astronomy")),
 *       new SourceDocument("d2", "Bread", "Dough rises because yeast makes gas.", Map.of("topic", "cooking"))));
 *   index.commit(Map.of());                            // durable and visible to search
 *
 *   EncodedQuery query = index.encodeQuery("why does the sea rise");
 *   SearchOptions options = SearchOptions.defaults(index.defaultFusion()).withK(1);
 *   try (IndexSnapshot snapshot = index.snapshot()) {  // one point in time for every page
 *     List<SearchHit> first = snapshot.search(query, options);
 *     List<SearchHit> second = snapshot.search(query, options.withFrom(1));
 *     for (SearchHit hit : first) {
 *       System.out.println(hit.rank() + " " + hit.id() + " " + hit.score() + " " + hit.legs());
 *       System.out.println(snapshot.explain(query, options, hit.id()));  // each leg's part
 *     }
 *     System.out.println(second.getFirst().rank() + " " + second.getFirst().id());
 *     // or run the Lucene query yourself, beside any other: the same hits, scores and order
 *     TopDocs top = snapshot.searcher().search(snapshot.query(query, options.withK(2)), 2);
 *     System.out.println(top.scoreDocs[0].score + " " + top.scoreDocs[1].score);
 *   }
 * }
 * }</pre>
 *
 * <p>Pages ({@link dev.m3search.query.SearchOptions#from()}, {@link
 * dev.m3search.query.SearchOptions#k()}) are slices of one ranking of the query's candidates (see
 * {@link dev.m3search.query.SearchOptions}): the two pages above are the two hits of {@code top}.
 *
 * <p>An index is its schema, not its model: the model's identity (its content digest, layout and
 * dimensions) and the storage modes are recorded with every commit, and {@code
 * M3Index.openReadOnly(path)} or {@code M3Index.open(path, config)} open an index from that record
 * without loading any ONNX file, for searches with {@link dev.m3search.query.EncodedQuery encoded
 * queries}, {@code addEncoded}, {@code info} and {@code recode}. A service that encodes elsewhere
 * creates an index with {@code M3Index.open(path, modelIdentity, config)}. Text needs the encoder:
 * an index opened with one encodes documents and queries ({@link
 * dev.m3search.engine.index.QueryEncoder}), and refuses a model other than its own.
 *
 * <p>Threads: {@link dev.m3search.engine.index.M3Index} and {@link
 * dev.m3search.engine.index.IndexSnapshot} are thread-safe. Adds, deletes, commits and searches may
 * run at the same time; a search sees the point in time of the last refresh (explicit, on commit,
 * or by the background refresh of {@code withMaxStaleness}), and every leg of one search reads that
 * same point in time. A search uses up to {@link dev.m3search.engine.index.IndexConfig#searchThreads()}
 * threads: the dense and sparse legs run concurrently and segments are rescored in parallel.
 */
package dev.m3search.engine.index;
