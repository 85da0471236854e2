package dev.m3search.engine.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.m3search.engine.analysis.LexicalLanguage;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The words of the lexical sparse leg: the analyzer of the index's language ({@link
 * LexicalLanguage}), recorded with every commit so that documents added later and every query are
 * analysed alike. An index that recorded none was written before m3search analysed other
 * languages, with Lucene's {@link EnglishAnalyzer}.
 */
public final class LexicalAnalysis {
  /** The commit user data key of the lexical leg's language. */
  static final String COMMIT_KEY = "m3.analysis.language";

  private LexicalAnalysis() {}

  /** Lucene's {@link EnglishAnalyzer} (standard tokenizer, lower case, English stop words, Porter stemming). */
  public static Analyzer analyzer() {
    return new EnglishAnalyzer();
  }

  /** The language a commit recorded; English for an index from before languages were recorded. */
  public static LexicalLanguage fromCommitData(Map<String, String> data) {
    String code = data.get(COMMIT_KEY);
    return code == null ? LexicalLanguage.ENGLISH : LexicalLanguage.of(code);
  }

  static Map<String, String> toCommitData(LexicalLanguage language) {
    return Map.of(COMMIT_KEY, language.code());
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
