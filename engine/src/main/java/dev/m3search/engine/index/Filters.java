package dev.m3search.engine.index;

import dev.m3search.codecs.M3Fields;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** Filters over the metadata of documents. */
public final class Filters {
  private Filters() {}

  /** Documents whose metadata holds every given key with the given value; null for no filter. */
  public static Query metadataEquals(Map<String, String> keyValues) {
    if (keyValues.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    keyValues.forEach(
        (key, value) -> builder.add(new TermQuery(new Term(M3Fields.metadata(key), value)), Occur.FILTER));
    return builder.build();
  }
}
