package dev.m3search.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.onnx.TinyM3Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output shapes are checked against the layout, never guessed from buffer sizes. */
class OutputShapeTest {
  @TempDir Path dir;

  @Test
  void colbertVectorsThatKeepTheClsRowAreANamedErrorWhenTheModelOpens() throws Exception {
    Path model = TinyM3Model.writeTo(dir, TinyM3Model.Options.DEFAULT.withColbertKeepingCls());
    // the probe text is <s> <unk> </s> in the tiny vocabulary: 3 tokens, so ColBERT must have 2 rows
    IOException e = assertThrows(IOException.class, () -> M3Encoder.open(ModelSpec.fromFolder(model), new EncoderOptions(4, 1)));
    assertTrue(e.getMessage().contains("'colbert_vecs' has shape [1, 3, 4] for 1 text(s) of 3 tokens"), e.getMessage());
    assertTrue(e.getMessage().contains("expects [1, 2, 4]"), e.getMessage());
    assertTrue(e.getMessage().contains("set \"colbertIncludesCls\": true in m3search.json"), e.getMessage());
  }

  @Test
  void symbolicVectorDimensionsAreLearnedFromAProbe() throws Exception {
    Path fixed = TinyM3Model.writeTo(dir.resolve("fixed"));
    Path symbolic = TinyM3Model.writeTo(dir.resolve("symbolic"), TinyM3Model.Options.DEFAULT.withSymbolicDimensions());
    try (M3Encoder expected = M3Encoder.open(ModelSpec.fromFolder(fixed), new EncoderOptions(4, 1));
        M3Encoder actual = M3Encoder.open(ModelSpec.fromFolder(symbolic), new EncoderOptions(4, 1))) {
      assertEquals(TinyM3Model.HIDDEN, actual.identity().denseDimension());
      assertEquals(TinyM3Model.HIDDEN, actual.identity().tokenDimension());
      TextEncoding want = expected.encodeDocuments(List.of("alpha beta")).get(0);
      TextEncoding got = actual.encodeDocuments(List.of("alpha beta")).get(0);
      assertArrayEquals(want.dense(), got.dense(), 0f);
      assertEquals(want.tokenVectors().length, got.tokenVectors().length);
    }
  }

  @Test
  void anExportThatKeepsTheClsRowLoadsWithColbertIncludesCls() throws Exception {
    Path raw = TinyM3Model.writeTo(dir.resolve("raw"), TinyM3Model.Options.DEFAULT.withColbertKeepingCls());
    Files.writeString(
        raw.resolve("m3search.json"),
        "{\"layout\": \"m3\", \"maxTokens\": " + TinyM3Model.MAX_TOKENS + ", \"colbertIncludesCls\": true}");
    assertEncodeAlike(TinyM3Model.writeTo(dir.resolve("correct")), raw, List.of("alpha beta", "gamma delta epsilon zeta", "eta"));
  }

  @Test
  void int32InputsAreFedAsInt32() throws Exception {
    assertEncodeAlike(
        TinyM3Model.writeTo(dir.resolve("int64")),
        TinyM3Model.writeTo(dir.resolve("int32"), TinyM3Model.Options.DEFAULT.withInt32Inputs()),
        List.of("alpha beta", "gamma delta epsilon zeta"));
  }

  @Test
  void aFixedBatchIsRespected() throws Exception {
    // batches of at most 2 rows, the last of one text padded to 2
    assertEncodeAlike(
        TinyM3Model.writeTo(dir.resolve("any")),
        TinyM3Model.writeTo(dir.resolve("fixed"), TinyM3Model.Options.DEFAULT.withFixedBatch(2)),
        List.of("alpha beta", "gamma", "delta epsilon zeta", "eta theta", "iota"));
  }

  @Test
  void sparseWeightsOnTwoAxesReadAsOnThree() throws Exception {
    assertEncodeAlike(
        TinyM3Model.writeTo(dir.resolve("three")),
        TinyM3Model.writeTo(dir.resolve("two"), TinyM3Model.Options.DEFAULT.withSparseOnTwoAxes()),
        List.of("alpha beta alpha", "gamma delta"));
  }

  /** The two exports encode {@code texts}, as documents and as a query, to the same vectors and weights. */
  private static void assertEncodeAlike(Path expectedModel, Path actualModel, List<String> texts) throws Exception {
    try (M3Encoder expected = M3Encoder.open(ModelSpec.fromFolder(expectedModel), new EncoderOptions(4, 1));
        M3Encoder actual = M3Encoder.open(ModelSpec.fromFolder(actualModel), new EncoderOptions(4, 1))) {
      List<TextEncoding> want = expected.encodeDocuments(texts);
      List<TextEncoding> got = actual.encodeDocuments(texts);
      assertEquals(texts.size(), got.size());
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(want.get(i).dense(), got.get(i).dense(), 1e-6f, texts.get(i));
        assertEquals(want.get(i).sparseWeights(), got.get(i).sparseWeights(), texts.get(i));
        assertEquals(want.get(i).tokenVectors().length, got.get(i).tokenVectors().length, texts.get(i));
        for (int t = 0; t < want.get(i).tokenVectors().length; t++) {
          assertArrayEquals(want.get(i).tokenVectors()[t], got.get(i).tokenVectors()[t], 1e-6f, texts.get(i) + " token " + t);
        }
      }
      assertArrayEquals(expected.encodeQuery(texts.get(0)).dense(), actual.encodeQuery(texts.get(0)).dense(), 1e-6f);
    }
  }

  @Test
  void meanPoolingAveragesEveryStateTheMaskCovers() throws Exception {
    Path model = TinyM3Model.writeTo(dir, TinyM3Model.Options.DEFAULT.withHiddenStateOnly());
    Files.writeString(
        model.resolve("m3search.json"),
        "{\"layout\": \"hidden-state\", \"maxTokens\": " + TinyM3Model.MAX_TOKENS + ", \"pooling\": \"mean\"}");
    List<String> texts = List.of("alpha beta gamma delta", "epsilon");
    try (M3Encoder encoder = M3Encoder.open(ModelSpec.fromFolder(model), new EncoderOptions(4, 1))) {
      List<TextEncoding> encodings = encoder.encodeDocuments(texts);
      for (int d = 0; d < texts.size(); d++) {
        String[] words = texts.get(d).split(" ");
        long[] ids = new long[words.length + 2];
        ids[0] = TinyM3Model.CLS;
        for (int w = 0; w < words.length; w++) {
          ids[w + 1] = TinyM3Model.VOCAB.indexOf(words[w]);
        }
        ids[ids.length - 1] = TinyM3Model.EOS;
        float[] mean = new float[TinyM3Model.HIDDEN];
        for (int t = 0; t < ids.length; t++) {
          float[] h = TinyM3Model.hidden(ids, ids.length, t);
          for (int j = 0; j < mean.length; j++) {
            mean[j] += h[j] / ids.length;
          }
        }
        org.apache.lucene.util.VectorUtil.l2normalize(mean);
        assertArrayEquals(mean, encodings.get(d).dense(), 1e-6f, texts.get(d));
      }
    }
  }

  @Test
  void colbertIncludesClsOnAHiddenStateModelIsANamedError() throws Exception {
    Path model = TinyM3Model.writeTo(dir);
    Files.writeString(model.resolve("m3search.json"), "{\"layout\": \"hidden-state\", \"colbertIncludesCls\": true}");
    IOException e = assertThrows(IOException.class, () -> ModelSpec.fromFolder(model));
    assertTrue(e.getMessage().contains("\"colbertIncludesCls\" applies to the m3 layout"), e.getMessage());
  }

  @Test
  void aMissingOutputIsRefusedWhenTheModelOpens() throws Exception {
    Path model = TinyM3Model.writeTo(dir);
    Files.writeString(
        model.resolve("m3search.json"),
        "{\"layout\": \"m3\", \"outputs\": {\"dense\": \"dense_vecs\", \"sparse\": \"sparse_vecs\", \"colbert\": \"token_vecs\"}}");
    IOException e = assertThrows(IOException.class, () -> M3Encoder.open(ModelSpec.fromFolder(model), new EncoderOptions(4, 1)));
    assertTrue(e.getMessage().contains("no output named 'token_vecs'"), e.getMessage());
  }

  @Test
  void aHiddenStateLayoutOnAnM3ExportIsRefusedWhenTheModelOpens() throws Exception {
    Path model = TinyM3Model.writeTo(dir);
    Files.writeString(
        model.resolve("m3search.json"), "{\"layout\": \"hidden-state\", \"outputs\": {\"hiddenState\": \"dense_vecs\"}}");
    IOException e = assertThrows(IOException.class, () -> M3Encoder.open(ModelSpec.fromFolder(model), new EncoderOptions(4, 1)));
    assertTrue(e.getMessage().contains("'dense_vecs' is declared with shape [?, 4]"), e.getMessage());
    assertTrue(e.getMessage().contains("expects rank 3"), e.getMessage());
  }
}
