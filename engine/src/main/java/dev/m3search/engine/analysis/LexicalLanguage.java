package dev.m3search.engine.analysis;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.hy.ArmenianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.ne.NepaliAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.sr.SerbianAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.ta.TamilAnalyzer;
import org.apache.lucene.analysis.te.TeluguAnalyzer;
import org.apache.lucene.analysis.th.ThaiAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;

/**
 * The languages the lexical leg analyses, each with Lucene's analyzer for it (tokenizer, lower
 * case or folding, stop words, stemming or morphology), and {@link #MULTILINGUAL} for text of
 * another language or of many: ICU word segmentation and folding, which split every script
 * (dictionary-based for Chinese, Japanese and Thai) without a language's stemmer.
 *
 * <p>The analyzers of the separate Lucene modules (Nori, Kuromoji, SmartCN, ICU) are named in
 * lambdas, so that this class loads where those modules are absent (the OpenSearch plugin, whose
 * lexical leg is English).
 *
 * <p>Languages written in the Latin or Cyrillic script carry their analyzer's stop words, which
 * {@link LanguageDetector} counts to tell them apart.
 */
public enum LexicalLanguage {
  ENGLISH("en", "English", EnglishAnalyzer::new, () -> snowballStopWords("english_stop.txt")),
  KOREAN("ko", "Korean (Nori)", () -> new KoreanAnalyzer(), null),
  JAPANESE("ja", "Japanese (Kuromoji)", () -> new JapaneseAnalyzer(), null),
  CHINESE("zh", "Chinese (SmartCN)", () -> new SmartChineseAnalyzer(), null),
  ARABIC("ar", "Arabic", ArabicAnalyzer::new, null),
  PERSIAN("fa", "Persian", PersianAnalyzer::new, null),
  HINDI("hi", "Hindi", HindiAnalyzer::new, null),
  NEPALI("ne", "Nepali", NepaliAnalyzer::new, null),
  BENGALI("bn", "Bengali", BengaliAnalyzer::new, null),
  TAMIL("ta", "Tamil", TamilAnalyzer::new, null),
  TELUGU("te", "Telugu", TeluguAnalyzer::new, null),
  THAI("th", "Thai", ThaiAnalyzer::new, null),
  GREEK("el", "Greek", GreekAnalyzer::new, null),
  ARMENIAN("hy", "Armenian", ArmenianAnalyzer::new, null),
  RUSSIAN("ru", "Russian", RussianAnalyzer::new, RussianAnalyzer::getDefaultStopSet),
  BULGARIAN("bg", "Bulgarian", BulgarianAnalyzer::new, BulgarianAnalyzer::getDefaultStopSet),
  SERBIAN("sr", "Serbian", SerbianAnalyzer::new, null),
  GERMAN("de", "German", GermanAnalyzer::new, GermanAnalyzer::getDefaultStopSet),
  FRENCH("fr", "French", FrenchAnalyzer::new, FrenchAnalyzer::getDefaultStopSet),
  SPANISH("es", "Spanish", SpanishAnalyzer::new, SpanishAnalyzer::getDefaultStopSet),
  ITALIAN("it", "Italian", ItalianAnalyzer::new, ItalianAnalyzer::getDefaultStopSet),
  PORTUGUESE("pt", "Portuguese", PortugueseAnalyzer::new, PortugueseAnalyzer::getDefaultStopSet),
  DUTCH("nl", "Dutch", DutchAnalyzer::new, DutchAnalyzer::getDefaultStopSet),
  SWEDISH("sv", "Swedish", SwedishAnalyzer::new, SwedishAnalyzer::getDefaultStopSet),
  DANISH("da", "Danish", DanishAnalyzer::new, DanishAnalyzer::getDefaultStopSet),
  NORWEGIAN("no", "Norwegian", NorwegianAnalyzer::new, NorwegianAnalyzer::getDefaultStopSet),
  FINNISH("fi", "Finnish", FinnishAnalyzer::new, FinnishAnalyzer::getDefaultStopSet),
  ESTONIAN("et", "Estonian", EstonianAnalyzer::new, EstonianAnalyzer::getDefaultStopSet),
  HUNGARIAN("hu", "Hungarian", HungarianAnalyzer::new, HungarianAnalyzer::getDefaultStopSet),
  ROMANIAN("ro", "Romanian", RomanianAnalyzer::new, RomanianAnalyzer::getDefaultStopSet),
  TURKISH("tr", "Turkish", TurkishAnalyzer::new, TurkishAnalyzer::getDefaultStopSet),
  CATALAN("ca", "Catalan", CatalanAnalyzer::new, CatalanAnalyzer::getDefaultStopSet),
  BASQUE("eu", "Basque", BasqueAnalyzer::new, BasqueAnalyzer::getDefaultStopSet),
  GALICIAN("gl", "Galician", GalicianAnalyzer::new, GalicianAnalyzer::getDefaultStopSet),
  IRISH("ga", "Irish", IrishAnalyzer::new, IrishAnalyzer::getDefaultStopSet),
  INDONESIAN("id", "Indonesian", IndonesianAnalyzer::new, IndonesianAnalyzer::getDefaultStopSet),
  CZECH("cs", "Czech", CzechAnalyzer::new, CzechAnalyzer::getDefaultStopSet),
  LATVIAN("lv", "Latvian", LatvianAnalyzer::new, LatvianAnalyzer::getDefaultStopSet),
  LITHUANIAN("lt", "Lithuanian", LithuanianAnalyzer::new, LithuanianAnalyzer::getDefaultStopSet),
  MULTILINGUAL("multi", "any language (ICU word segmentation and folding)", () -> new IcuAnalyzer(), null);

  private final String code;
  private final String description;
  private final Supplier<Analyzer> analyzer;
  private final Supplier<CharArraySet> stopWords;

  LexicalLanguage(String code, String description, Supplier<Analyzer> analyzer, Supplier<CharArraySet> stopWords) {
    this.code = code;
    this.description = description;
    this.analyzer = analyzer;
    this.stopWords = stopWords;
  }

  /** The ISO 639-1 code ({@code multi} for {@link #MULTILINGUAL}). */
  public String code() {
    return code;
  }

  public String description() {
    return description;
  }

  /** A new analyzer for this language; the caller closes it. */
  public Analyzer analyzer() {
    return analyzer.get();
  }

  /** The stop words its analyzer drops, for telling languages of one script apart; null when not needed. */
  CharArraySet stopWords() {
    return stopWords == null ? null : stopWords.get();
  }

  /**
   * Snowball's stop words for a language whose analyzer keeps few (English's drops 33 words; the
   * detector needs the language's common words, as the other languages' sets hold them).
   */
  private static CharArraySet snowballStopWords(String file) {
    try (Reader reader = new InputStreamReader(
        IOUtils.requireResourceNonNull(SnowballFilter.class.getResourceAsStream(file), file), StandardCharsets.UTF_8)) {
      return WordlistLoader.getSnowballWordSet(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The language of {@code code} (an ISO 639-1 code, or {@code multi}). */
  public static LexicalLanguage of(String code) {
    String wanted = code.toLowerCase(Locale.ROOT);
    for (LexicalLanguage language : values()) {
      if (language.code.equals(wanted)) {
        return language;
      }
    }
    throw new IllegalArgumentException("unknown language '" + code + "'; expected auto or one of "
        + Arrays.stream(values()).map(LexicalLanguage::code).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return code + " (" + description + ")";
  }
}
