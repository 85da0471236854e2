package dev.m3search.engine.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.CharArraySet;

/**
 * The language of a text, from Unicode script statistics and, within the Latin and Cyrillic
 * scripts, from the stop words of Lucene's analyzers.
 *
 * <p>Why not a statistical detector such as Lingua: what the lexical leg needs is the analyzer,
 * and the script alone decides it for Korean (Hangul), Japanese (kana beside Han), Chinese (Han
 * without kana), Thai, Greek, Armenian and the Indic scripts. Within Latin and Cyrillic the
 * analyzers differ by stop words and stemmer, and a document's share of each analyzer's own stop
 * words tells its language on running text; the detector needs no model of its own (Lingua's
 * models weigh over 100 MB), runs in a pass over the corpus in seconds, and cannot disagree with
 * the analyzer about what a stop word is. Its limit: Latin-script text without stop words (lists of
 * keywords) is taken for English, the analysis m3search used before it analysed other languages.
 */
public final class LanguageDetector {
  /** Characters of a text looked at: enough to tell, cheap on long documents. */
  static final int SAMPLE_CHARS = 4000;
  /** Kana among Han and kana above this share makes Japanese: Japanese text mixes the two, Chinese has none. */
  private static final double JAPANESE_KANA_SHARE = 0.05;

  /** For each stop word of the Latin-script languages, the languages whose stop words hold it. */
  private static final Map<String, List<LexicalLanguage>> LATIN = stopWordLanguages(false);
  private static final Map<String, List<LexicalLanguage>> CYRILLIC = stopWordLanguages(true);

  /** What an own stop word counts, above any number of shared ones; the remainder counts stop words in all. */
  private static final long OWN_WORD = 1_000_000;
  /** Stop words a text needs for a language other than its script's default. */
  private static final int MIN_STOP_WORDS = 2;

  private LanguageDetector() {}

  /** The language of {@code text}, or null when it has no letters. */
  public static LexicalLanguage detect(String text) {
    String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    Map<Character.UnicodeScript, Integer> letters = new EnumMap<>(Character.UnicodeScript.class);
    int persianLetters = 0;
    for (int i = 0; i < sample.length(); ) {
      int c = sample.codePointAt(i);
      i += Character.charCount(c);
      if (!Character.isLetter(c)) {
        continue;
      }
      letters.merge(Character.UnicodeScript.of(c), 1, Integer::sum);
      if (c == 'پ' || c == 'چ' || c == 'ژ' || c == 'گ' || c == 'ی' || c == 'ک') {
        persianLetters++;
      }
    }
    if (letters.isEmpty()) {
      return null;
    }
    int han = letters.getOrDefault(Character.UnicodeScript.HAN, 0);
    int kana = letters.getOrDefault(Character.UnicodeScript.HIRAGANA, 0) + letters.getOrDefault(Character.UnicodeScript.KATAKANA, 0);
    Character.UnicodeScript main = null;
    int most = 0;
    for (Map.Entry<Character.UnicodeScript, Integer> e : letters.entrySet()) {
      int count = e.getKey() == Character.UnicodeScript.HAN || e.getKey() == Character.UnicodeScript.HIRAGANA
          || e.getKey() == Character.UnicodeScript.KATAKANA ? han + kana : e.getValue();
      if (count > most) {
        most = count;
        main = e.getKey();
      }
    }
    return switch (main) {
      case HANGUL -> LexicalLanguage.KOREAN;
      case HAN, HIRAGANA, KATAKANA -> kana > JAPANESE_KANA_SHARE * (han + kana) ? LexicalLanguage.JAPANESE : LexicalLanguage.CHINESE;
      case ARABIC -> persianLetters > 0 ? LexicalLanguage.PERSIAN : LexicalLanguage.ARABIC;
      case DEVANAGARI -> LexicalLanguage.HINDI;
      case BENGALI -> LexicalLanguage.BENGALI;
      case TAMIL -> LexicalLanguage.TAMIL;
      case TELUGU -> LexicalLanguage.TELUGU;
      case THAI -> LexicalLanguage.THAI;
      case GREEK -> LexicalLanguage.GREEK;
      case ARMENIAN -> LexicalLanguage.ARMENIAN;
      case LATIN -> byStopWords(sample, LATIN, LexicalLanguage.ENGLISH);
      case CYRILLIC -> byStopWords(sample, CYRILLIC, LexicalLanguage.RUSSIAN);
      default -> LexicalLanguage.MULTILINGUAL;
    };
  }

  /**
   * The language whose own stop words (those no other language of the script has) the text holds
   * most of, ties going to more stop words in all; {@code otherwise} when it holds none. Own words
   * decide because related languages share many (de, la and que are stop words in four). A
   * language other than {@code otherwise} needs {@link #MIN_STOP_WORDS}.
   */
  private static LexicalLanguage byStopWords(String text, Map<String, List<LexicalLanguage>> stopWords, LexicalLanguage otherwise) {
    Map<LexicalLanguage, Long> scores = new EnumMap<>(LexicalLanguage.class);
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
      // single letters (e^x, U.S.) are stop words in several languages and tell nothing
      List<LexicalLanguage> languages = word.length() < 2 ? null : stopWords.get(word);
      if (languages != null) {
        long score = languages.size() == 1 ? OWN_WORD + 1 : 1;
        languages.forEach(language -> scores.merge(language, score, Long::sum));
      }
    }
    return scores.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        // one stop word in a title is no evidence: "alt" or "kohe" alone does not make Estonian
        .filter(best -> best.getKey() == otherwise || best.getValue() % OWN_WORD >= MIN_STOP_WORDS)
        .map(Map.Entry::getKey)
        .orElse(otherwise);
  }

  /** The stop words of the languages written in Cyrillic (or in Latin), each with the languages that have it. */
  private static Map<String, List<LexicalLanguage>> stopWordLanguages(boolean cyrillic) {
    Map<String, List<LexicalLanguage>> words = new HashMap<>();
    for (LexicalLanguage language : LexicalLanguage.values()) {
      CharArraySet stop = language.stopWords();
      if (stop == null || (language == LexicalLanguage.RUSSIAN || language == LexicalLanguage.BULGARIAN) != cyrillic) {
        continue;
      }
      for (Object word : stop) {
        words.computeIfAbsent(new String((char[]) word), w -> new ArrayList<>()).add(language);
      }
    }
    return words;
  }
}
