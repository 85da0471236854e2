package dev.m3search.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.onnx.TinyM3Model;
import dev.m3search.engine.onnx.TorchArchiveWriter;
import dev.m3search.query.SparseKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The m3-heads layout: a hidden-state export with the heads BAAI publishes, {@code
 * colbert_linear.pt} and {@code sparse_linear.pt} (written here in {@code torch.save}'s layout, and
 * as safetensors), against FlagEmbedding's semantics computed here from the tiny encoder's states.
 */
class PublishedHeadsTest {
  private static final int H = TinyM3Model.HIDDEN;
  /** colbert_linear: weight (out, in) and a bias, so that a missed bias or a transposed weight shows. */
  private static final float[][] COLBERT_WEIGHT = new float[H][H];
  private static final float[] COLBERT_BIAS = {0.05f, -0.1f, 0.2f, 0.0f};
  private static final float[] SPARSE_WEIGHT = {0.6f, -0.4f, 0.3f, 0.2f};
  private static final float SPARSE_BIAS = 0.1f;

  static {
    for (int o = 0; o < H; o++) {
      for (int i = 0; i < H; i++) {
        COLBERT_WEIGHT[o][i] = (float) Math.cos(0.9 * o + 0.4 * i) + (o == i ? 0.5f : 0f);
      }
    }
  }

  @TempDir Path dir;

  private Path model(String sparseFile) throws IOException {
    Path model = TinyM3Model.writeTo(dir, TinyM3Model.Options.DEFAULT.withHiddenStateOnly());
    TorchArchiveWriter.linear(COLBERT_WEIGHT, COLBERT_BIAS).writePt(model.resolve("colbert_linear.pt"));
    TorchArchiveWriter sparse = TorchArchiveWriter.linear(new float[][] {SPARSE_WEIGHT}, new float[] {SPARSE_BIAS});
    if (sparseFile.endsWith(".safetensors")) {
      sparse.writeSafetensors(model.resolve(sparseFile));
    } else {
      sparse.writePt(model.resolve(sparseFile));
    }
    return model;
  }

  @Test
  void headsFromTorchSaveArchivesGiveFlagEmbeddingsEncodings() throws Exception {
    checkAgainstReference(model("sparse_linear.pt"));
  }

  @Test
  void aSafetensorsHeadNamedInTheConfigGivesTheSame() throws Exception {
    Path model = model("sparse_linear.safetensors");
    Files.writeString(
        model.resolve("m3search.json"),
        "{\"layout\": \"m3-heads\", \"maxTokens\": " + TinyM3Model.MAX_TOKENS + ", \"heads\": {\"sparse\": \"sparse_linear.safetensors\"}}");
    checkAgainstReference(model);
  }

  @Test
  void theHeadsAreInTheModelsDigest() throws Exception {
    Path model = model("sparse_linear.pt");
    String before = ModelSpec.fromFolder(model).weightsDigest();
    COLBERT_BIAS[3] = 0.01f;
    try {
      TorchArchiveWriter.linear(COLBERT_WEIGHT, COLBERT_BIAS).writePt(model.resolve("colbert_linear.pt"));
      assertTrue(!before.equals(ModelSpec.fromFolder(model).weightsDigest()), "another head is another model");
    } finally {
      COLBERT_BIAS[3] = 0.0f;
    }
  }

  @Test
  void aMissingOrMisshapenHeadIsANamedError() throws Exception {
    Path model = model("sparse_linear.pt");
    Files.delete(model.resolve("sparse_linear.pt"));
    IOException missing = assertThrows(IOException.class, () -> ModelSpec.fromFolder(model));
    assertTrue(missing.getMessage().contains("the m3-heads layout needs the head file"), missing.getMessage());
    assertTrue(missing.getMessage().contains("sparse_linear.pt"), missing.getMessage());
    // a ColBERT head given as the sparse one: 4 outputs, not 1
    Files.copy(model.resolve("colbert_linear.pt"), model.resolve("sparse_linear.pt"));
    IOException wrong = assertThrows(IOException.class, () -> ModelSpec.fromFolder(model));
    assertTrue(wrong.getMessage().contains("the sparse head has 4 outputs, not 1"), wrong.getMessage());
    Files.writeString(model.resolve("sparse_linear.pt"), "not a zip");
    IOException garbage = assertThrows(IOException.class, () -> ModelSpec.fromFolder(model));
    assertTrue(garbage.getMessage().contains("sparse_linear.pt"), garbage.getMessage());
  }

  private static void checkAgainstReference(Path model) throws Exception {
    List<String> texts = List.of("alpha beta", "gamma delta gamma epsilon", "zeta");
    try (M3Encoder encoder = M3Encoder.open(ModelSpec.fromFolder(model), new EncoderOptions(4, 1))) {
      assertEquals(SparseKind.LEARNED, encoder.identity().sparseKind());
      assertEquals(H, encoder.identity().tokenDimension());
      List<TextEncoding> actual = encoder.encodeDocuments(texts);
      for (int d = 0; d < texts.size(); d++) {
        long[] ids = ids(texts.get(d));
        TextEncoding e = actual.get(d);
        float[] dense = TinyM3Model.hidden(ids, ids.length, 0);
        VectorUtil.l2normalize(dense);
        assertArrayEquals(dense, e.dense(), 1e-5f, "dense = the CLS state");
        assertEquals(ids.length - 1, e.tokenVectors().length, "a row for every position after CLS");
        Map<Integer, Float> weights = new HashMap<>();
        for (int t = 0; t < ids.length; t++) {
          float[] h = TinyM3Model.hidden(ids, ids.length, t);
          float w = SPARSE_BIAS;
          for (int i = 0; i < H; i++) {
            w += SPARSE_WEIGHT[i] * h[i];
          }
          if (w > 0 && ids[t] > TinyM3Model.UNK) {
            weights.merge((int) ids[t], w, Math::max);
          }
          if (t >= 1) {
            float[] c = COLBERT_BIAS.clone();
            for (int o = 0; o < H; o++) {
              for (int i = 0; i < H; i++) {
                c[o] += COLBERT_WEIGHT[o][i] * h[i];
              }
            }
            VectorUtil.l2normalize(c);
            assertArrayEquals(c, e.tokenVectors()[t - 1], 1e-5f, texts.get(d) + " position " + t);
          }
        }
        assertEquals(weights.keySet(), e.sparseWeights().keySet(), texts.get(d));
        weights.forEach((id, w) -> assertEquals(w, e.sparseWeights().get(id), 1e-5f, "weight of " + id));
      }
    }
  }

  /** {@code <s> words </s>} in the tiny vocabulary. */
  private static long[] ids(String text) {
    String[] words = text.split(" ");
    long[] ids = new long[words.length + 2];
    ids[0] = TinyM3Model.CLS;
    for (int i = 0; i < words.length; i++) {
      ids[i + 1] = TinyM3Model.VOCAB.indexOf(words[i]);
    }
    ids[ids.length - 1] = TinyM3Model.EOS;
    return ids;
  }
}
