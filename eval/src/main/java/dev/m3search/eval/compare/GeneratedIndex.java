package dev.m3search.eval.compare;

import dev.m3search.codecs.M3Fields;
import dev.m3search.engine.index.IndexConfig;
import dev.m3search.engine.index.LexicalAnalysis;
import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.index.SourceDocument;
import dev.m3search.engine.model.ModelIdentity;
import dev.m3search.engine.model.TextEncoding;
import dev.m3search.eval.compare.SyntheticCorpus.SparseWeights;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.SparseKind;
import dev.m3search.query.SparseQueries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;

/**
 * An index of generated documents, written through {@link M3Index#addEncoded} as {@code index}
 * writes one (the index's storage modes, quantised at flush, the segments its merge policy leaves),
 * for measuring sizes no real collection here has. The documents are {@link SyntheticCorpus}'s:
 * token vectors clustered around 256 directions, the dense vector their mean, and for the sparse
 * leg words {@code w<rank>} drawn from a Zipf vocabulary (the text BM25 indexes) or, for a model
 * with learned weights, those ranks as token ids. The commit records the seed and the count, so
 * that {@link #queries} regenerates the queries of the same corpus.
 */
public final class GeneratedIndex {
  static final String DOCUMENTS_KEY = "m3.generated.documents";
  static final String SEED_KEY = "m3.generated.seed";
  static final String DOCUMENT_TOKENS_KEY = "m3.generated.document-tokens";
  /** Token vectors generated and added at a time: about 50 MB of floats, 1,000 documents of the default counts. */
  private static final int BATCH_TOKENS = 32_000;
  private static final int QUERIES = 100;

  private GeneratedIndex() {}

  /**
   * Writes {@code documents} generated documents into a new index at {@code path}, one batch
   * generated while the previous one is written.
   *
   * @param documentTokens token vectors of every document, or 0 for 16 to 48 drawn per document
   * @param progress told the number of documents written after each batch
   */
  public static void build(
      Path path, int documents, long seed, int documentTokens, ModelIdentity model, IndexConfig config, IntConsumer progress)
      throws IOException {
    SyntheticCorpus corpus = corpus(documents, seed, documentTokens, model);
    try (M3Index index = M3Index.open(path, model, config)) {
      if (index.info().documents() > 0) {
        throw new IllegalArgumentException(path + " already holds an index of " + index.info().documents() + " documents");
      }
      SparseKind sparse = model.sparseKind();
      int size = Math.max(1, BATCH_TOKENS / (documentTokens > 0 ? documentTokens : 32));
      CompletableFuture<Batch> next = CompletableFuture.supplyAsync(() -> Batch.of(corpus, sparse, 0, Math.min(size, documents)));
      for (int start = 0; start < documents; start += size) {
        Batch batch = next.join();
        int following = start + size;
        if (following < documents) {
          next = CompletableFuture.supplyAsync(() -> Batch.of(corpus, sparse, following, Math.min(following + size, documents)));
        }
        index.addEncoded(batch.documents, batch.encodings);
        progress.accept(Math.min(following, documents));
      }
      index.commit(Map.of(DOCUMENTS_KEY, Integer.toString(documents), SEED_KEY, Long.toString(seed),
          DOCUMENT_TOKENS_KEY, Integer.toString(documentTokens)));
    }
  }

  /** Whether {@code index} was written by {@link #build}. */
  public static boolean isGenerated(M3Index index) throws IOException {
    return index.lastCommitData().containsKey(SEED_KEY);
  }

  /** The generated queries of the corpus {@code index} holds, encoded as the index's legs take them. */
  public static List<EncodedQuery> queries(M3Index index) throws IOException {
    Map<String, String> data = index.lastCommitData();
    if (!data.containsKey(SEED_KEY)) {
      throw new IllegalArgumentException(index.path() + " was not written by GeneratedIndex.build");
    }
    // the queries depend on the seed alone
    SyntheticCorpus corpus = corpus(Integer.parseInt(data.get(DOCUMENTS_KEY)), Long.parseLong(data.get(SEED_KEY)), 0, index.model());
    List<EncodedQuery> queries = new ArrayList<>(corpus.queryCount());
    try (Analyzer analyzer = index.language().analyzer()) {
      for (int q = 0; q < corpus.queryCount(); q++) {
        Map<String, Float> weights = corpus.querySparse(q);
        Query sparse = index.model().sparseKind() == SparseKind.LEARNED
            ? SparseQueries.learnedWeights(M3Fields.SPARSE, weights)
            : SparseQueries.lexical(M3Fields.SPARSE, LexicalAnalysis.termCounts(analyzer, M3Fields.SPARSE, text(weights)));
        queries.add(new EncodedQuery(corpus.queryDense(q), sparse, corpus.queryTokens(q)));
      }
    }
    return queries;
  }

  private static SyntheticCorpus corpus(int documents, long seed, int documentTokens, ModelIdentity model) {
    if (!model.settings().hasTokenVectors()) {
      throw new IllegalArgumentException("generated documents have three legs, and " + model.name()
          + " gives no token vectors; generate with a model that does (bge-small-en-v1.5, the default)");
    }
    if (model.denseDimension() != model.tokenDimension()) {
      throw new IllegalArgumentException("generated documents take the dense vector as the mean of the tokens, which needs "
          + "equal dimensions; " + model.name() + " has " + model.denseDimension() + " and " + model.tokenDimension());
    }
    return new SyntheticCorpus(
        documents, model.tokenDimension(), QUERIES, seed, SparseWeights.FALLING_WITH_FREQUENCY, documentTokens);
  }

  /** A generated text: each term as a word, repeated by its weight (1 to 3 times), for BM25. */
  private static String text(Map<String, Float> weights) {
    StringBuilder text = new StringBuilder();
    weights.forEach((term, weight) -> {
      for (int i = 0; i < 1 + Math.min(2, (int) (weight * 8)); i++) {
        text.append(text.isEmpty() ? "" : " ").append('w').append(term);
      }
    });
    return text.toString();
  }

  private record Batch(List<SourceDocument> documents, List<TextEncoding> encodings) {
    static Batch of(SyntheticCorpus corpus, SparseKind sparse, int from, int to) {
      List<SourceDocument> documents = new ArrayList<>(to - from);
      List<TextEncoding> encodings = new ArrayList<>(to - from);
      for (int d = from; d < to; d++) {
        Map<String, Float> weights = corpus.sparse(d);
        documents.add(new SourceDocument("g" + d, "", text(weights), Map.of()));
        float[][] tokens = corpus.tokens(d);
        encodings.add(new TextEncoding(corpus.mean(tokens), sparse == SparseKind.LEARNED ? tokenIds(weights) : null, tokens, false));
      }
      return new Batch(documents, encodings);
    }

    private static Map<Integer, Float> tokenIds(Map<String, Float> weights) {
      Map<Integer, Float> ids = new HashMap<>();
      weights.forEach((term, w) -> ids.put(Integer.parseInt(term), w));
      return ids;
    }
  }
}
