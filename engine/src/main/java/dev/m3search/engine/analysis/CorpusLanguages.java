package dev.m3search.engine.analysis;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The languages of a corpus's documents, counted one document at a time, and the analysis the
 * lexical leg gives the corpus: the language of most documents when it holds at least {@link
 * #MAJORITY} of those with letters, {@link LexicalLanguage#MULTILINGUAL} otherwise. One analysis
 * serves the whole index and every query, since BM25 matches a query's terms only against terms
 * the same analyzer made. Not thread-safe.
 */
public final class CorpusLanguages {
  /** The share of documents a language needs for its analyzer to serve the whole corpus. */
  public static final double MAJORITY = 0.6;

  private final Map<LexicalLanguage, Long> documents = new EnumMap<>(LexicalLanguage.class);
  private long withLetters;

  /** Counts one document: its title and text. */
  public void add(String title, String text) {
    // the detector reads the first SAMPLE_CHARS characters only: do not copy a long text whole
    String start = text.length() > LanguageDetector.SAMPLE_CHARS ? text.substring(0, LanguageDetector.SAMPLE_CHARS) : text;
    LexicalLanguage language = LanguageDetector.detect(title.isEmpty() ? start : title + "\n" + start);
    if (language != null) {
      documents.merge(language, 1L, Long::sum);
      withLetters++;
    }
  }

  /** The most common language, or null before any document with letters. */
  public LexicalLanguage mostCommon() {
    return documents.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
  }

  /** The share of documents with letters that are in {@link #mostCommon()}. */
  public double share() {
    LexicalLanguage most = mostCommon();
    return most == null ? 0 : (double) documents.get(most) / withLetters;
  }

  /** The analysis for the corpus (English when no document has letters, as m3search analysed before). */
  public LexicalLanguage chosen() {
    LexicalLanguage most = mostCommon();
    if (most == null) {
      return LexicalLanguage.ENGLISH;
    }
    return share() >= MAJORITY ? most : LexicalLanguage.MULTILINGUAL;
  }

  /** What the detection found, for a report: {@code ko, 97% of documents}, with the runner-up when it holds 1% or more. */
  public String describe() {
    LexicalLanguage most = mostCommon();
    if (most == null) {
      return "no document has letters";
    }
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s, %.0f%% of documents", most.code(), 100 * share()));
    documents.entrySet().stream()
        .filter(e -> e.getKey() != most)
        .max(Map.Entry.comparingByValue())
        .filter(e -> e.getValue() * 100 >= withLetters) // a runner-up under 1% is noise
        .ifPresent(e -> out.append(String.format(Locale.ROOT, " (then %s, %.0f%%)", e.getKey().code(), 100.0 * e.getValue() / withLetters)));
    return out.toString();
  }
}
