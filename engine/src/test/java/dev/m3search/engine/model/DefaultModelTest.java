package dev.m3search.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.query.MaxSim;
import java.util.List;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default model, bge-small-en-v1.5, run for real from the Maven artifact's ONNX file. */
class DefaultModelTest {
  private static M3Encoder encoder;

  @BeforeAll
  static void open() throws Exception {
    encoder = M3Encoder.open(ModelSpec.defaultModel(), new EncoderOptions(8, 2));
  }

  @AfterAll
  static void close() throws Exception {
    encoder.close();
  }

  @Test
  void identityDescribesBgeSmall() {
    ModelIdentity id = encoder.identity();
    assertEquals("bge-small-en-v1.5", id.name());
    assertEquals(ModelLayout.HIDDEN_STATE, id.layout());
    assertEquals(384, id.denseDimension());
    assertEquals(384, id.tokenDimension());
    assertEquals(dev.m3search.query.SparseKind.LEXICAL, id.sparseKind());
  }

  @Test
  void paraphraseScoresAboveUnrelatedTextOnDenseAndTokens() throws Exception {
    List<TextEncoding> docs =
        encoder.encodeDocuments(
            List.of(
                "The cat sat on the mat.",
                "A kitten was resting on the rug.",
                "Quarterly revenue grew by twelve percent."));
    float paraphrase = VectorUtil.dotProduct(docs.get(0).dense(), docs.get(1).dense());
    float unrelated = VectorUtil.dotProduct(docs.get(0).dense(), docs.get(2).dense());
    assertTrue(paraphrase > unrelated + 0.1f, paraphrase + " vs " + unrelated);
    float tokensParaphrase = MaxSim.score(docs.get(0).tokenVectors(), docs.get(1).tokenVectors());
    float tokensUnrelated = MaxSim.score(docs.get(0).tokenVectors(), docs.get(2).tokenVectors());
    assertTrue(tokensParaphrase > tokensUnrelated, tokensParaphrase + " vs " + tokensUnrelated);
  }

  @Test
  void vectorsAreNormalisedAndTokensSkipClsAndSep() throws Exception {
    TextEncoding e = encoder.encodeDocuments(List.of("hello world")).get(0);
    assertEquals(1.0, Math.sqrt(VectorUtil.dotProduct(e.dense(), e.dense())), 1e-5);
    // [CLS] hello world [SEP] → two token vectors
    assertEquals(2, e.tokenVectors().length);
    for (float[] t : e.tokenVectors()) {
      assertEquals(1.0, Math.sqrt(VectorUtil.dotProduct(t, t)), 1e-5);
    }
    assertNull(e.sparseWeights());
    assertFalse(e.truncated());
  }

  @Test
  void queryDiffersFromDocumentOnlyByThePrefixOnTheDenseLeg() throws Exception {
    String query = "what do cats eat";
    TextEncoding asQuery = encoder.encodeQuery(query);
    List<TextEncoding> docs =
        encoder.encodeDocuments(List.of(ModelSpec.BGE_V15_QUERY_PREFIX + query, query));
    assertArrayEquals(docs.get(0).dense(), asQuery.dense(), 1e-5f);
    assertEquals(docs.get(1).tokenVectors().length, asQuery.tokenVectors().length);
    for (int i = 0; i < asQuery.tokenVectors().length; i++) {
      assertArrayEquals(docs.get(1).tokenVectors()[i], asQuery.tokenVectors()[i], 1e-5f);
    }
    // the prefix changes the dense vector
    assertNotEquals(docs.get(1).dense()[0], asQuery.dense()[0]);
  }

  @Test
  void batchingByLengthGivesTheSameVectorsAsOneByOne() throws Exception {
    List<String> texts = List.of("short", "a somewhat longer sentence about gardens", "mid length text");
    List<TextEncoding> batched = encoder.encodeDocuments(texts);
    for (int i = 0; i < texts.size(); i++) {
      TextEncoding alone = encoder.encodeDocuments(List.of(texts.get(i))).get(0);
      assertArrayEquals(alone.dense(), batched.get(i).dense(), 1e-4f);
      assertEquals(alone.tokenVectors().length, batched.get(i).tokenVectors().length);
    }
  }

  @Test
  void longTextIsTruncatedToTheModelMaximumAndFlagged() throws Exception {
    String longText = "word ".repeat(20_000);
    TextEncoding e = encoder.encodeDocuments(List.of(longText, "short text")).get(0);
    assertTrue(e.truncated());
    assertEquals(512 - 2, e.tokenVectors().length);
  }
}
