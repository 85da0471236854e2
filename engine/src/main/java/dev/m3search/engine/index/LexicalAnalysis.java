package dev.m3search.engine.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The words of the lexical sparse leg: Lucene's {@link EnglishAnalyzer} (standard tokenizer,
 * lower case, English stop words, Porter stemming), the analyzer of the BM25 reference run.
 */
public final class LexicalAnalysis {
  private LexicalAnalysis() {}

  public static Analyzer analyzer() {
    return new EnglishAnalyzer();
  }

  /** How often each analysed term occurs in {@code text}. */
  public static Map<String, Integer> termCounts(Analyzer analyzer, String field, String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        counts.merge(term.toString(), 1, Integer::sum);
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }
}
