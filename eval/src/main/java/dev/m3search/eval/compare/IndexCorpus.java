package dev.m3search.eval.compare;

import dev.m3search.codecs.M3Fields;
import dev.m3search.query.EncodedQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.LateInteractionField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.Bits;

/**
 * The vectors of an existing m3search index (as it stores them) and of queries the index's model
 * encoded. The sparse leg stays in the index itself, so it has no weights here.
 */
final class IndexCorpus implements ComparisonCorpus {
  private final String name;
  private final List<float[]> dense = new ArrayList<>();
  private final List<float[][]> tokens = new ArrayList<>();
  private final List<EncodedQuery> queries;

  /** @param withTokens keep only the documents with token vectors; otherwise every live document with a dense vector */
  IndexCorpus(String name, DirectoryReader reader, List<EncodedQuery> queries, boolean withTokens) throws IOException {
    this.name = name;
    this.queries = queries;
    for (LeafReaderContext leaf : reader.leaves()) {
      FloatVectorValues vectors = leaf.reader().getFloatVectorValues(M3Fields.DENSE);
      KnnVectorValues.DocIndexIterator vectorDocs = vectors.iterator();
      BinaryDocValues tokenValues = leaf.reader().getBinaryDocValues(M3Fields.COLBERT);
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = vectorDocs.nextDoc(); doc != KnnVectorValues.DocIndexIterator.NO_MORE_DOCS; doc = vectorDocs.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        // a document without token vectors (every one, in an index of two legs) has none to compare
        boolean hasTokens = tokenValues != null && tokenValues.advanceExact(doc);
        if (!hasTokens && withTokens) {
          continue;
        }
        dense.add(vectors.vectorValue(vectorDocs.index()).clone());
        tokens.add(hasTokens ? LateInteractionField.decode(tokenValues.binaryValue()) : new float[0][]);
      }
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return dense.size();
  }

  @Override
  public float[] dense(int doc) {
    return dense.get(doc);
  }

  @Override
  public float[][] tokens(int doc) {
    return tokens.get(doc);
  }

  @Override
  public Map<String, Float> sparse(int doc) {
    return null;
  }

  @Override
  public int queryCount() {
    return queries.size();
  }

  @Override
  public float[] queryDense(int query) {
    return queries.get(query).dense();
  }

  @Override
  public float[][] queryTokens(int query) {
    return queries.get(query).tokenVectors();
  }

  @Override
  public Map<String, Float> querySparse(int query) {
    return null;
  }
}
