package dev.m3search.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.onnx.TinyDecoder;
import dev.m3search.engine.onnx.TinyM3Model;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A decoder embedder's conventions on {@link TinyDecoder}, whose states depend on {@code
 * position_ids}: EOS appended to texts the tokenizer leaves bare, positions filled, the last real
 * token's state as the dense vector in one batch of texts of different lengths padded on the right
 * or on the left, no token vector for EOS, and an instruction template around queries.
 */
class DecoderEmbedderTest {
  @TempDir Path dir;

  private static final List<String> TEXTS = List.of("alpha beta gamma delta", "epsilon", "zeta eta");

  @ParameterizedTest
  @ValueSource(strings = {"right", "left"})
  void lastTokenPoolingWithEosAppended(String padding) throws Exception {
    Path model = TinyDecoder.writeTo(dir, "\"queryPrefix\": \"kappa \", \"tokenVectors\": true, \"padding\": \"" + padding + "\"");
    try (M3Encoder encoder = M3Encoder.open(ModelSpec.fromFolder(model), new EncoderOptions(4, 1))) {
      List<TokenBatch> batches = encoder.batches(TEXTS);
      assertEquals(1, batches.size(), "the three texts, of three lengths, share one padded batch");
      assertEquals(padding.equals("left"), batches.get(0).leftPadded());
      List<TextEncoding> encodings = encoder.encodeDocuments(TEXTS);
      for (int d = 0; d < TEXTS.size(); d++) {
        long[] ids = ids(TEXTS.get(d));
        TextEncoding e = encodings.get(d);
        assertArrayEquals(expectedLast(ids), e.dense(), 1e-6f, TEXTS.get(d));
        assertEquals(ids.length - 1, e.tokenVectors().length, "every word, no EOS: " + TEXTS.get(d));
        for (int t = 0; t < ids.length - 1; t++) {
          float[] state = TinyM3Model.hidden(ids, ids.length, t);
          VectorUtil.l2normalize(state);
          assertArrayEquals(state, e.tokenVectors()[t], 1e-6f, TEXTS.get(d) + " word " + t);
        }
      }
      assertArrayEquals(expectedLast(ids("kappa alpha")), encoder.encodeQuery("alpha").dense(), 1e-6f, "the query prefix");
    }
  }

  @Test
  void instructionTemplateFramesQueries() throws Exception {
    Path model = TinyDecoder.writeTo(dir, "\"queryTemplate\": \"lambda {task}\\nmu {query} iota\", \"task\": \"theta\"");
    ModelSpec spec = ModelSpec.fromFolder(model);
    assertEquals("lambda theta\nmu ", spec.queryPrefix());
    assertEquals(" iota", spec.settings().querySuffix());
    try (M3Encoder encoder = M3Encoder.open(spec, new EncoderOptions(4, 1))) {
      TextEncoding query = encoder.encodeQuery("alpha beta");
      assertArrayEquals(expectedLast(ids("lambda theta mu alpha beta iota")), query.dense(), 1e-6f);
      // without "tokenVectors": true, a dense-only model gives none
      assertEquals(0, query.tokenVectors().length);
      assertEquals(0, encoder.encodeDocuments(TEXTS).get(0).tokenVectors().length);
      assertEquals(0, encoder.identity().tokenDimension());
      assertTrue(!encoder.identity().settings().hasTokenVectors());
    }
  }

  /** The state of the last of {@code ids}, normalised. */
  private static float[] expectedLast(long[] ids) {
    float[] last = TinyM3Model.hidden(ids, ids.length, ids.length - 1); // the appended </s>
    VectorUtil.l2normalize(last);
    return last;
  }

  /** The words' ids, then {@code </s>}: no {@code <s>}, as a decoder's tokenizer gives them. */
  private static long[] ids(String text) {
    String[] words = text.split(" ");
    long[] ids = new long[words.length + 1];
    for (int i = 0; i < words.length; i++) {
      ids[i] = TinyM3Model.VOCAB.indexOf(words[i]);
    }
    ids[words.length] = TinyM3Model.EOS;
    return ids;
  }
}
