package dev.m3search.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** The analysis chosen for corpora of one language, of several, and what each analyzer makes of a text. */
class CorpusLanguagesTest {
  private static final Map<LexicalLanguage, List<String>> TEXTS = Map.of(
      LexicalLanguage.KOREAN, List.of("서울은 대한민국의 수도이며 가장 큰 도시이다.", "한강은 서울을 가로질러 흐른다.", "김치는 한국의 전통 음식이다."),
      LexicalLanguage.JAPANESE, List.of("東京は日本の首都であり、最大の都市です。", "富士山は日本で一番高い山です。", "寿司は日本の伝統的な料理です。"),
      LexicalLanguage.CHINESE, List.of("北京是中华人民共和国的首都。", "长江是中国最长的河流。", "熊猫主要生活在四川的山区。"),
      LexicalLanguage.ENGLISH, List.of("The capital of France is a city on the river Seine.", "Volcanoes erupt when magma rises to the surface."),
      LexicalLanguage.GERMAN, List.of("Die Hauptstadt von Deutschland ist eine Stadt an der Spree, und sie ist groß.", "Der Rhein fließt durch viele Städte."),
      LexicalLanguage.FRENCH, List.of("La capitale de la France est une ville sur la Seine, et elle est très belle.", "Les volcans sont dans les montagnes."),
      LexicalLanguage.SPANISH, List.of("La capital de España es una ciudad en el centro del país y tiene muchos museos.", "Los ríos de la península son largos."),
      LexicalLanguage.RUSSIAN, List.of("Москва является столицей России и самым большим городом страны.", "Волга — это самая длинная река в Европе."),
      LexicalLanguage.ARABIC, List.of("القاهرة هي عاصمة مصر وأكبر مدنها.", "نهر النيل هو أطول نهر في العالم."),
      LexicalLanguage.THAI, List.of("กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย", "แม่น้ำเจ้าพระยาไหลผ่านกรุงเทพ"));

  @Test
  void eachCorpusOfOneLanguageGetsThatLanguagesAnalyzer() {
    TEXTS.forEach((language, texts) -> {
      CorpusLanguages corpus = new CorpusLanguages();
      texts.forEach(text -> corpus.add("", text));
      assertEquals(language, corpus.chosen(), texts.toString());
      assertEquals(1.0, corpus.share(), 1e-9, corpus.describe());
    });
  }

  @Test
  void koreanJapaneseAndChineseCorporaGetNoriKuromojiAndSmartcn() throws Exception {
    try (Analyzer korean = LexicalLanguage.KOREAN.analyzer();
        Analyzer japanese = LexicalLanguage.JAPANESE.analyzer();
        Analyzer chinese = LexicalLanguage.CHINESE.analyzer()) {
      assertTrue(korean instanceof KoreanAnalyzer);
      assertTrue(japanese instanceof JapaneseAnalyzer);
      assertTrue(chinese instanceof SmartChineseAnalyzer);
      // Nori drops the particle: the word with it and the stem are one term
      assertEquals(List.of("서울"), terms(korean, "서울에서"));
      assertEquals(terms(korean, "서울"), terms(korean, "서울은"));
      assertTrue(terms(japanese, "東京は日本の首都です").contains("東京"), terms(japanese, "東京は日本の首都です").toString());
      assertTrue(terms(chinese, "北京是中国的首都").contains("北京"), terms(chinese, "北京是中国的首都").toString());
    }
  }

  @Test
  void aCorpusWithoutAMajorityLanguageGetsTheMultilingualAnalysis() {
    CorpusLanguages corpus = new CorpusLanguages();
    TEXTS.get(LexicalLanguage.KOREAN).forEach(text -> corpus.add("", text));
    TEXTS.get(LexicalLanguage.JAPANESE).forEach(text -> corpus.add("", text));
    TEXTS.get(LexicalLanguage.ENGLISH).forEach(text -> corpus.add("", text));
    assertEquals(LexicalLanguage.MULTILINGUAL, corpus.chosen(), corpus.describe());
    assertTrue(corpus.describe().startsWith("ko, 38% of documents (then ja, 38%)"), corpus.describe());
  }

  @Test
  void aFewDocumentsInAnotherLanguageDoNotChangeTheAnalysis() {
    CorpusLanguages corpus = new CorpusLanguages();
    for (int i = 0; i < 9; i++) {
      corpus.add("", TEXTS.get(LexicalLanguage.KOREAN).get(i % 3));
    }
    corpus.add("Seoul", "Seoul is the capital of the Republic of Korea.");
    corpus.add("", "12345");
    assertEquals(LexicalLanguage.KOREAN, corpus.chosen());
    assertEquals("ko, 90% of documents (then en, 10%)", corpus.describe());
  }

  private static List<String> terms(Analyzer analyzer, String text) throws Exception {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("f", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    }
    return terms;
  }
}
