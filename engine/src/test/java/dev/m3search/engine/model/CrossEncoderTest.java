package dev.m3search.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.onnx.TinyReranker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossEncoderTest {
  @TempDir Path dir;

  private static final List<String> PASSAGES =
      List.of("sun", "moon sea tide salt rock", "tree leaf", "rain snow sun moon sea tide salt rock tree", "sea");

  @Test
  void pairsAreTokenisedTogetherAndScoresComeBackInThePassagesOrderWhateverTheBatches() throws Exception {
    Path model = TinyReranker.writeTo(dir.resolve("reranker"));
    float[] expected = expectedScores();
    for (int batch : new int[] {1, 2, 16}) {
      try (CrossEncoder reranker = CrossEncoder.open(model, RerankOptions.defaults().withBatchSize(batch))) {
        // batches are sorted by length and padded: the mask must hide the padding, and scores map back
        assertArrayEquals(expected, reranker.score("sea tide", PASSAGES), 1e-5f, "batch size " + batch);
      }
    }
  }

  private static float[] expectedScores() {
    float[] scores = new float[PASSAGES.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = TinyReranker.expected("sea tide", PASSAGES.get(i));
    }
    return scores;
  }

  @Test
  void theQueryIsTheFirstSegmentAndThePassageTheSecond() throws Exception {
    try (CrossEncoder reranker = CrossEncoder.open(TinyReranker.writeTo(dir.resolve("r")), RerankOptions.defaults())) {
      float forward = reranker.score("sun", List.of("tree leaf rain"))[0];
      float swapped = reranker.score("tree leaf rain", List.of("sun"))[0];
      assertEquals(TinyReranker.expected("sun", "tree leaf rain"), forward, 1e-5f);
      assertNotEquals(forward, swapped, 1e-3f, "token type ids reach the model");
    }
  }

  @Test
  void longPairsAreCutToTheMaximumLengthFromTheLongerSide() throws Exception {
    RerankOptions eight = RerankOptions.defaults().withMaxLength(8);
    try (CrossEncoder reranker = CrossEncoder.open(TinyReranker.writeTo(dir.resolve("r")), eight)) {
      // [CLS] sea [SEP] + 5 passage words... + [SEP] = 3 + 1 + 5 > 8: the passage keeps 4 words
      float cut = reranker.score("sea", List.of("tree leaf rain snow rock"))[0];
      assertEquals(TinyReranker.expected("sea", "tree leaf rain snow"), cut, 1e-5f);
    }
  }

  @Test
  void sigmoidMapsTheLogit() throws Exception {
    Path model = TinyReranker.writeTo(dir.resolve("r"));
    try (CrossEncoder reranker = CrossEncoder.open(model, RerankOptions.defaults().withSigmoid(true))) {
      float logit = TinyReranker.expected("moon", "sea salt");
      assertEquals(1 / (1 + Math.exp(-logit)), reranker.score("moon", List.of("sea salt"))[0], 1e-6);
    }
  }

  @Test
  void aFolderWithoutTheFilesIsRefusedWithItsName() {
    IOException e = assertThrows(IOException.class, () -> CrossEncoder.open(dir, RerankOptions.defaults()));
    assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("tokenizer.json"), e.getMessage());
  }
}
