package dev.m3search.engine.index;

import dev.m3search.codecs.M3Fields;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.UnicodeUtil;

/**
 * Filters over the metadata of documents. A filter expression is {@code KEY=VALUE} (the key holds
 * that value, or one element equal to it when it is multi-valued; a number also matches
 * numerically, so {@code year=2001} finds 2001 and 2001.0) or {@code KEY>=N}, {@code KEY>N},
 * {@code KEY<=N}, {@code KEY<N} (a number in the range). Several filters must all hold.
 *
 * <p>A value is matched as text on the key's keyword field and a number as a point of its number
 * field (see {@link M3Fields#metadataNumber}). Indexes written before the number fields (the
 * {@link MetadataLayout#SHARED_FIELD} layout) hold points in the keyword field, so numbers are
 * looked for there too: in other indexes that field has no points and the clause matches nothing.
 * A value longer than a Lucene term can be is stored with its document but never matched (see
 * {@link #matchable}).
 */
public final class Filters {
  /** The longest metadata value, in bytes of UTF-8, that {@code KEY=VALUE} can match: Lucene's longest term. */
  public static final int MAX_VALUE_BYTES = IndexWriter.MAX_TERM_LENGTH;

  private Filters() {}

  /** Documents matching every expression; null (no filter) for none. */
  public static Query parse(List<String> expressions) {
    if (expressions == null || expressions.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    expressions.forEach(e -> builder.add(parse(e), Occur.FILTER));
    return builder.build();
  }

  /** One expression: {@code KEY=VALUE}, {@code KEY>=N}, {@code KEY>N}, {@code KEY<=N} or {@code KEY<N}. */
  public static Query parse(String expression) {
    int at = indexOfOperator(expression);
    if (at <= 0) {
      throw new IllegalArgumentException(
          "filter '" + expression + "' must be KEY=VALUE, KEY>=N, KEY>N, KEY<=N or KEY<N");
    }
    String key = expression.substring(0, at).strip();
    char first = expression.charAt(at);
    boolean orEqual = first != '=' && at + 1 < expression.length() && expression.charAt(at + 1) == '=';
    String value = expression.substring(at + (orEqual ? 2 : 1)).strip();
    if (first == '=') {
      return equalTo(key, value);
    }
    double bound = number(expression, value);
    return switch (first) {
      case '>' -> range(key, orEqual ? bound : Math.nextUp(bound), Double.POSITIVE_INFINITY);
      case '<' -> range(key, Double.NEGATIVE_INFINITY, orEqual ? bound : Math.nextDown(bound));
      default -> throw new IllegalStateException("unreachable");
    };
  }

  /** Documents whose metadata {@code key} holds {@code value}. */
  public static Query equalTo(String key, String value) {
    Query term = new TermQuery(new Term(M3Fields.metadata(key), value));
    Double number = parseNumber(value);
    if (number == null) {
      return term;
    }
    return new BooleanQuery.Builder()
        .add(term, Occur.SHOULD)
        .add(range(key, number, number), Occur.SHOULD)
        .build();
  }

  /** Documents with a number in {@code [min, max]} under {@code key}. */
  public static Query range(String key, double min, double max) {
    return new BooleanQuery.Builder()
        .add(DoublePoint.newRangeQuery(MetadataLayout.FIELD_PER_KIND.numberField(key), min, max), Occur.SHOULD)
        .add(DoublePoint.newRangeQuery(MetadataLayout.SHARED_FIELD.numberField(key), min, max), Occur.SHOULD)
        .build();
  }

  /**
   * Whether {@code KEY=value} can find a metadata value: whether its UTF-8 form fits in a Lucene
   * term ({@link #MAX_VALUE_BYTES}). A longer value is not indexed as a keyword, which would fail
   * the whole document, but stored with it.
   */
  public static boolean matchable(String value) {
    // three bytes per char at most (a surrogate pair takes four for two chars)
    return value.length() <= MAX_VALUE_BYTES / 3
        || UnicodeUtil.calcUTF16toUTF8Length(value, 0, value.length()) <= MAX_VALUE_BYTES;
  }

  /** Documents whose metadata holds every given key with the given value; null for no filter. */
  public static Query metadataEquals(Map<String, String> keyValues) {
    if (keyValues.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    keyValues.forEach((key, value) -> builder.add(equalTo(key, value), Occur.FILTER));
    return builder.build();
  }

  private static int indexOfOperator(String expression) {
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (c == '=' || c == '<' || c == '>') {
        return i;
      }
    }
    return -1;
  }

  private static double number(String expression, String value) {
    Double number = parseNumber(value);
    if (number == null) {
      throw new IllegalArgumentException("filter '" + expression + "': a range needs a number, got '" + value + "'");
    }
    return number;
  }

  private static Double parseNumber(String value) {
    try {
      double d = Double.parseDouble(value);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
