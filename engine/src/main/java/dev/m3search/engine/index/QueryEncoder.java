package dev.m3search.engine.index;

import dev.m3search.codecs.M3Fields;
import dev.m3search.engine.analysis.LexicalLanguage;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.ModelIdentity;
import dev.m3search.engine.model.TextEncoding;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.SparseKind;
import dev.m3search.query.SparseQueries;
import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;

/**
 * Turns query text into the {@link EncodedQuery} an index searches with: the model's three
 * representations, and the sparse leg's query in the form the index holds it (learned token-id
 * weights, or analysed words for BM25). Thread-safe; close it to release its analyzer.
 */
public final class QueryEncoder implements Closeable {
  private final M3Encoder encoder;
  private final SparseKind sparseKind;
  private final Analyzer analyzer;

  private QueryEncoder(M3Encoder encoder, SparseKind sparseKind, LexicalLanguage language) {
    this.encoder = encoder;
    this.sparseKind = sparseKind;
    this.analyzer = language.analyzer();
  }

  /**
   * An encoder of queries for an index that recorded {@code indexModel} and analyses its lexical
   * leg as {@code language} ({@link M3Index#model()}, {@link M3Index#language()}).
   *
   * @throws ModelMismatchException when {@code encoder} is another model than the index's
   */
  public static QueryEncoder of(M3Encoder encoder, ModelIdentity indexModel, LexicalLanguage language, String indexName) {
    if (!indexModel.sameModelAs(encoder.identity())) {
      throw new ModelMismatchException(indexName, indexModel, encoder.identity());
    }
    return new QueryEncoder(encoder, indexModel.sparseKind(), language);
  }

  public M3Encoder encoder() {
    return encoder;
  }

  /** The three representations of {@code query}, ready for {@link M3Index#search(EncodedQuery, dev.m3search.query.SearchOptions)}. */
  public EncodedQuery encode(String query) throws IOException {
    TextEncoding encoding = encoder.encodeQuery(query);
    return new EncodedQuery(encoding.dense(), sparseQuery(encoding, query), encoding.tokenVectors());
  }

  private Query sparseQuery(TextEncoding encoding, String query) {
    if (sparseKind == SparseKind.LEARNED) {
      Map<String, Float> weights = new HashMap<>();
      encoding.sparseWeights().forEach((id, w) -> weights.put(Integer.toString(id), w));
      return SparseQueries.learnedWeights(M3Fields.SPARSE, weights);
    }
    return SparseQueries.lexical(M3Fields.SPARSE, LexicalAnalysis.termCounts(analyzer, M3Fields.SPARSE, query));
  }

  @Override
  public void close() {
    analyzer.close();
  }
}
