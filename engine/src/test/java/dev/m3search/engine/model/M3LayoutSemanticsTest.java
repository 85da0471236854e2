package dev.m3search.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.onnx.TinyM3Model;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BGE-M3 semantics (FlagEmbedding's BGEM3FlagModel) on a tiny m3-layout ONNX model whose outputs
 * are computed here by hand: dense normalisation, sparse relu + max per token id + special-token
 * removal, ColBERT CLS skip + padding mask + normalisation.
 */
class M3LayoutSemanticsTest {
  /** "alpha beta alpha zzz": alpha twice at different positions, zzz unknown. */
  static final String REPEATS = "alpha beta alpha zzz";
  static final long[] REPEATS_IDS = {0, 4, 5, 4, 3, 2};
  /** Shorter than REPEATS, so it is padded when both are in one batch; epsilon weighs ≤ 0 here. */
  static final String SHORT = "epsilon mu";
  static final long[] SHORT_IDS = {0, 8, 15, 2};

  @TempDir static Path modelDir;
  static M3Encoder encoder;

  @BeforeAll
  static void open() throws Exception {
    TinyM3Model.writeTo(modelDir);
    encoder = M3Encoder.open(ModelSpec.fromFolder(modelDir), new EncoderOptions(8, 1));
  }

  @AfterAll
  static void close() throws Exception {
    encoder.close();
  }

  @Test
  void folderConfigGivesTheIdentity() {
    ModelIdentity id = encoder.identity();
    assertEquals("tiny-m3", id.name());
    assertEquals(ModelLayout.M3, id.layout());
    assertEquals(4, id.denseDimension());
    assertEquals(4, id.tokenDimension());
    assertEquals(dev.m3search.query.SparseKind.LEARNED, id.sparseKind());
    assertEquals(new SpecialTokens(0, 2, 1, 3), encoder.spec().specialTokens(), "read from tokenizer.json");
  }

  @Test
  void tokenizerGivesTheExpectedIds() {
    TextTokenizer.Tokenized t = encoder.tokenizer().tokenize(List.of(REPEATS, SHORT));
    assertArrayEquals(REPEATS_IDS, t.ids()[0]);
    assertArrayEquals(SHORT_IDS, t.ids()[1]);
  }

  @Test
  void denseIsTheNormalisedClsOutput() throws Exception {
    List<TextEncoding> e = encoder.encodeDocuments(List.of(REPEATS, SHORT));
    assertArrayEquals(normalized(TinyM3Model.rawDense(REPEATS_IDS, 6)), e.get(0).dense(), 1e-5f);
    assertArrayEquals(normalized(TinyM3Model.rawDense(SHORT_IDS, 4)), e.get(1).dense(), 1e-5f);
    float[] raw = TinyM3Model.rawDense(REPEATS_IDS, 6);
    assertTrue(Math.abs(norm(raw) - 1) > 0.1, "the raw output is not unit length, so normalisation is tested");
  }

  @Test
  void sparseIsReluMaxPooledPerTokenIdWithoutSpecialTokens() throws Exception {
    // preconditions that make each rule observable with these weights
    float alphaFirst = TinyM3Model.rawSparse(REPEATS_IDS, 6, 1);
    float alphaSecond = TinyM3Model.rawSparse(REPEATS_IDS, 6, 3);
    assertTrue(Math.abs(alphaFirst - alphaSecond) > 1e-3, "alpha's two occurrences weigh differently");
    assertTrue(TinyM3Model.rawSparse(REPEATS_IDS, 6, 4) > 0, "UNK has a positive weight, dropped as special");
    assertTrue(
        TinyM3Model.rawSparse(REPEATS_IDS, 6, 0) > 0 || TinyM3Model.rawSparse(REPEATS_IDS, 6, 5) > 0,
        "CLS or EOS has a positive weight, dropped as special");
    assertTrue(TinyM3Model.rawSparse(SHORT_IDS, 4, 1) <= 0, "epsilon has a weight ≤ 0, cut by relu");

    List<TextEncoding> e = encoder.encodeDocuments(List.of(REPEATS, SHORT));
    assertSparse(expectedSparse(REPEATS_IDS, 6), e.get(0).sparseWeights());
    assertSparse(expectedSparse(SHORT_IDS, 4), e.get(1).sparseWeights());
    assertEquals(Math.max(alphaFirst, alphaSecond), e.get(0).sparseWeights().get(4), 1e-5f);
    for (int special : List.of(TinyM3Model.CLS, TinyM3Model.EOS, TinyM3Model.PAD, TinyM3Model.UNK)) {
      assertFalse(e.get(0).sparseWeights().containsKey(special));
      assertFalse(e.get(1).sparseWeights().containsKey(special));
    }
    assertFalse(e.get(1).sparseWeights().containsKey(8), "epsilon was cut by relu");
    assertTrue(e.get(1).sparseWeights().containsKey(15), "mu stays");
  }

  @Test
  void colbertSkipsClsMasksPaddingAndNormalises() throws Exception {
    List<TextEncoding> e = encoder.encodeDocuments(List.of(REPEATS, SHORT));
    // FlagEmbedding keeps positions 1..len-1 (the final EOS included)
    assertEquals(5, e.get(0).tokenVectors().length);
    assertEquals(3, e.get(1).tokenVectors().length, "the padded short text keeps only its own tokens");
    for (int t = 1; t < 6; t++) {
      assertArrayEquals(normalized(TinyM3Model.rawColbert(REPEATS_IDS, 6, t)), e.get(0).tokenVectors()[t - 1], 1e-5f);
    }
    for (int t = 1; t < 4; t++) {
      assertArrayEquals(normalized(TinyM3Model.rawColbert(SHORT_IDS, 4, t)), e.get(1).tokenVectors()[t - 1], 1e-5f);
    }
  }

  @Test
  void batchedAndAloneEncodingsAgree() throws Exception {
    List<TextEncoding> batched = encoder.encodeDocuments(List.of(REPEATS, SHORT));
    TextEncoding alone = encoder.encodeDocuments(List.of(SHORT)).get(0);
    assertArrayEquals(alone.dense(), batched.get(1).dense(), 1e-6f);
    assertEquals(alone.sparseWeights(), batched.get(1).sparseWeights());
    assertEquals(alone.tokenVectors().length, batched.get(1).tokenVectors().length);
  }

  @Test
  void queriesAreEncodedLikeDocumentsWhenTheModelHasNoPrefix() throws Exception {
    TextEncoding query = encoder.encodeQuery(REPEATS);
    TextEncoding doc = encoder.encodeDocuments(List.of(REPEATS)).get(0);
    assertArrayEquals(doc.dense(), query.dense(), 1e-6f);
    assertEquals(doc.sparseWeights(), query.sparseWeights());
    assertEquals(doc.tokenVectors().length, query.tokenVectors().length);
  }

  @Test
  void textsLongerThanTheMaximumAreTruncatedAndFlagged() throws Exception {
    List<TextEncoding> e = encoder.encodeDocuments(List.of("alpha ".repeat(40), SHORT));
    assertTrue(e.get(0).truncated());
    assertFalse(e.get(1).truncated());
    assertEquals(TinyM3Model.MAX_TOKENS - 1, e.get(0).tokenVectors().length);
  }

  /** What BGEM3FlagModel._process_token_weights computes. */
  static Map<Integer, Float> expectedSparse(long[] ids, int length) {
    Map<Integer, Float> weights = new HashMap<>();
    for (int t = 0; t < length; t++) {
      int id = (int) ids[t];
      float w = Math.max(0, TinyM3Model.rawSparse(ids, length, t));
      boolean special = id == TinyM3Model.CLS || id == TinyM3Model.EOS || id == TinyM3Model.PAD || id == TinyM3Model.UNK;
      if (!special && w > 0 && (!weights.containsKey(id) || w > weights.get(id))) {
        weights.put(id, w);
      }
    }
    return weights;
  }

  private static void assertSparse(Map<Integer, Float> expected, Map<Integer, Float> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((id, w) -> assertEquals(w, actual.get(id), 1e-5f, "token " + id));
  }

  static float[] normalized(float[] v) {
    float n = norm(v);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] / n;
    }
    return out;
  }

  private static float norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return (float) Math.sqrt(s);
  }
}
