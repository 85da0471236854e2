package dev.m3search.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.m3search.engine.onnx.TinyDecoder;
import dev.m3search.engine.onnx.TinyM3Model;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decoder embedder's conventions on {@link TinyDecoder}: EOS appended to texts the tokenizer
 * leaves bare, {@code position_ids} filled, the last real token's state as the dense vector in a
 * batch of texts of different lengths (padded on the right), and no token vector for EOS.
 */
class DecoderEmbedderTest {
  @TempDir Path dir;

  @Test
  void lastTokenPoolingWithEosAppended() throws Exception {
    List<String> texts = List.of("alpha beta gamma delta", "epsilon", "zeta eta");
    try (M3Encoder encoder = M3Encoder.open(ModelSpec.fromFolder(TinyDecoder.writeTo(dir)), new EncoderOptions(4, 1))) {
      List<TextEncoding> encodings = encoder.encodeDocuments(texts);
      for (int d = 0; d < texts.size(); d++) {
        long[] ids = ids(texts.get(d));
        TextEncoding e = encodings.get(d);
        float[] last = TinyM3Model.hidden(ids, ids.length, ids.length - 1); // the appended </s>
        VectorUtil.l2normalize(last);
        assertArrayEquals(last, e.dense(), 1e-6f, texts.get(d));
        assertEquals(ids.length - 1, e.tokenVectors().length, "every word, no EOS: " + texts.get(d));
        for (int t = 0; t < ids.length - 1; t++) {
          float[] state = TinyM3Model.hidden(ids, ids.length, t);
          VectorUtil.l2normalize(state);
          assertArrayEquals(state, e.tokenVectors()[t], 1e-6f, texts.get(d) + " word " + t);
        }
      }
      // the query prefix, the same way
      long[] query = ids("kappa alpha");
      float[] last = TinyM3Model.hidden(query, query.length, query.length - 1);
      VectorUtil.l2normalize(last);
      assertArrayEquals(last, encoder.encodeQuery("alpha").dense(), 1e-6f);
    }
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
