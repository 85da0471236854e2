package dev.m3search.engine.onnx;

import static dev.m3search.engine.onnx.OnnxModelWriter.FLOAT;
import static dev.m3search.engine.onnx.OnnxModelWriter.INT64;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cross-encoder small enough to check by hand: {@code logit = Σ_t mask_t · W[id_t] · T[type_t]},
 * over a BERT-style pair {@code [CLS] query [SEP] passage [SEP]} whose passage tokens have type 1.
 * The type weight makes the pair's order matter; the mask makes padding matter.
 */
public final class TinyReranker {
  public static final List<String> VOCAB =
      List.of("[CLS]", "[PAD]", "[SEP]", "[UNK]", "sun", "moon", "sea", "tide", "salt", "rock", "tree", "leaf", "rain", "snow");
  public static final float[] W = new float[VOCAB.size()];
  public static final float[] T = {1.0f, -0.5f};

  static {
    for (int i = 0; i < W.length; i++) {
      W[i] = (float) Math.sin(1.7 * i) + 0.1f * i;
    }
    W[1] = 100f; // padding would dominate every score if the mask were ignored
  }

  private TinyReranker() {}

  public static Path writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    new OnnxModelWriter()
        .input("input_ids", INT64, "batch", "seq")
        .input("attention_mask", INT64, "batch", "seq")
        .input("token_type_ids", INT64, "batch", "seq")
        .output("logits", FLOAT, "batch", 1L)
        .floats("W", new long[] {W.length}, W)
        .floats("T", new long[] {T.length}, T)
        .longs("axis1", new long[] {1}, 1)
        .node("Gather", List.of("W", "input_ids"), List.of("w"), OnnxModelWriter.intAttribute("axis", 0))
        .node("Gather", List.of("T", "token_type_ids"), List.of("t"), OnnxModelWriter.intAttribute("axis", 0))
        .node("Cast", List.of("attention_mask"), List.of("m"), OnnxModelWriter.intAttribute("to", FLOAT))
        .node("Mul", List.of("w", "t"), List.of("wt"))
        .node("Mul", List.of("wt", "m"), List.of("terms"))
        .node("ReduceSum", List.of("terms", "axis1"), List.of("logits"), OnnxModelWriter.intAttribute("keepdims", 1))
        .write(dir.resolve("model.onnx"));
    Files.writeString(dir.resolve("tokenizer.json"), WordLevelTokenizerJson.of(VOCAB, 4, "[UNK]", 1));
    return dir;
  }

  /** The logit the model gives a pair, computed here from the words (no truncation). */
  public static float expected(String query, String passage) {
    float sum = W[0] * T[0] + W[2] * T[0] + W[2] * T[1];
    for (String word : words(query)) {
      sum += W[id(word)] * T[0];
    }
    for (String word : words(passage)) {
      sum += W[id(word)] * T[1];
    }
    return sum;
  }

  public static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("\\s+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  private static int id(String word) {
    int id = VOCAB.indexOf(word);
    return id < 0 ? 3 : id;
  }
}
