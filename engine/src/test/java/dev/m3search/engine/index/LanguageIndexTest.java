package dev.m3search.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.analysis.LexicalLanguage;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.query.DefaultFusion;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lexical leg analyses an index's language, records it, and refuses another; the default fusion follows the model's languages. */
class LanguageIndexTest {
  private static final List<SourceDocument> KOREAN = List.of(
      new SourceDocument("seoul", "", "서울은 대한민국의 수도이며 가장 큰 도시이다.", Map.of()),
      new SourceDocument("busan", "", "부산은 한국에서 두 번째로 큰 항구 도시이다.", Map.of()),
      new SourceDocument("kimchi", "", "김치는 배추로 만드는 한국의 전통 음식이다.", Map.of()));

  private static M3Encoder encoder;
  @TempDir Path dir;

  @BeforeAll
  static void open() throws Exception {
    encoder = M3Encoder.openDefault();
  }

  @AfterAll
  static void close() throws Exception {
    encoder.close();
  }

  private List<SearchHit> sparse(M3Index index, String query) throws Exception {
    return index.search(query, SearchOptions.defaults(index.defaultFusion()).withMode(SearchMode.SPARSE).withK(3));
  }

  @Test
  void aKoreanQueryWordWithAParticleFindsTheDocumentHoldingItsStem() throws Exception {
    try (M3Index korean = M3Index.open(dir.resolve("ko"), encoder, IndexConfig.defaults().withLanguage(LexicalLanguage.KOREAN));
        M3Index english = M3Index.open(dir.resolve("en"), encoder, IndexConfig.defaults())) {
      korean.add(KOREAN);
      korean.commit(Map.of());
      english.add(KOREAN);
      english.commit(Map.of());
      // "in Seoul": 서울 with the particle 에서, which the document writes with 은
      List<SearchHit> hits = sparse(korean, "서울에서");
      assertEquals("seoul", hits.getFirst().id(), hits.toString());
      assertEquals(1, hits.size(), "only the document holding 서울: " + hits);
      assertTrue(sparse(english, "서울에서").isEmpty(), "English analysis keeps the word with its particle, which no document holds");
    }
  }

  @Test
  void theAnalysisIsRecordedAndAnotherIsRefused() throws Exception {
    Path path = dir.resolve("ko");
    try (M3Index index = M3Index.open(path, encoder, IndexConfig.defaults().withLanguage(LexicalLanguage.KOREAN))) {
      index.add(KOREAN);
      index.commit(Map.of());
    }
    try (M3Index reopened = M3Index.openReadOnly(path);
        QueryEncoder queries = QueryEncoder.of(encoder, reopened.model(), reopened.language(), path.toString())) {
      assertEquals(LexicalLanguage.KOREAN, reopened.language(), "recorded, not the English default of a new index");
      assertEquals("ko", reopened.lastCommitData().get(LexicalAnalysis.COMMIT_KEY));
      assertEquals("seoul", reopened.search(queries.encode("서울에서"),
          SearchOptions.defaults(reopened.defaultFusion()).withMode(SearchMode.SPARSE).withK(1)).getFirst().id());
    }
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> M3Index.open(path, encoder, IndexConfig.defaults().withLanguage(LexicalLanguage.JAPANESE)));
    assertTrue(refused.getMessage().contains("analyses its lexical leg as ko (Korean (Nori))"), refused.getMessage());
    assertTrue(refused.getMessage().contains("cannot be opened with ja (Japanese (Kuromoji))"), refused.getMessage());
  }

  @Test
  void anIndexInALanguageItsModelDoesNotKnowLeansOnTheLexicalLeg() throws Exception {
    try (M3Index korean = M3Index.open(dir.resolve("ko"), encoder, IndexConfig.defaults().withLanguage(LexicalLanguage.KOREAN));
        M3Index english = M3Index.open(dir.resolve("en"), encoder, IndexConfig.defaults())) {
      assertEquals(List.of("en"), korean.model().languages(), "the built-in model says it knows English");
      assertFalse(korean.modelKnowsLanguage());
      assertEquals(DefaultFusion.FOREIGN_LEXICAL, korean.defaultFusion());
      assertTrue(english.modelKnowsLanguage());
      assertEquals(DefaultFusion.LEXICAL, english.defaultFusion());
    }
  }
}
