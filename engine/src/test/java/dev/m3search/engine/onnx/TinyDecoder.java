package dev.m3search.engine.onnx;

import static dev.m3search.engine.onnx.OnnxModelWriter.FLOAT;
import static dev.m3search.engine.onnx.OnnxModelWriter.INT64;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny decoder-style embedder, as E5-mistral and GTE-Qwen export: a tokenizer that adds no
 * special tokens, a graph that takes {@code position_ids} besides ids and mask and outputs {@code
 * last_hidden_state = E[id] + (position + 1)·P} (the weights of {@link TinyM3Model}), and an
 * {@code m3search.json} for last-token pooling with EOS appended.
 */
public final class TinyDecoder {
  private TinyDecoder() {}

  /** The decoder, its query prefix {@code "kappa "}, batches padded on the right. */
  public static Path writeTo(Path dir) throws IOException {
    return writeTo(dir, "\"queryPrefix\": \"kappa \"");
  }

  /** The decoder with more {@code m3search.json} keys ({@code "KEY": VALUE, ...}). */
  public static Path writeTo(Path dir, String moreConfig) throws IOException {
    Files.createDirectories(dir);
    new OnnxModelWriter()
        .input("input_ids", INT64, "batch", "seq")
        .input("attention_mask", INT64, "batch", "seq")
        .input("position_ids", INT64, "batch", "seq")
        .output("last_hidden_state", FLOAT, "batch", "seq", (long) TinyM3Model.HIDDEN)
        .floats("E", new long[] {TinyM3Model.E.length, TinyM3Model.HIDDEN}, TinyM3Model.flat(TinyM3Model.E))
        .floats("P", new long[] {TinyM3Model.HIDDEN}, TinyM3Model.P)
        .floats("one", new long[0], 1f)
        .longs("axes2", new long[] {1}, 2)
        .node("Gather", List.of("E", "input_ids"), List.of("emb"), OnnxModelWriter.intAttribute("axis", 0))
        .node("Cast", List.of("position_ids"), List.of("pos_f"), OnnxModelWriter.intAttribute("to", FLOAT))
        .node("Add", List.of("pos_f", "one"), List.of("pos_1"))
        .node("Unsqueeze", List.of("pos_1", "axes2"), List.of("pos3"))
        .node("Mul", List.of("pos3", "P"), List.of("pos_emb"))
        .node("Add", List.of("emb", "pos_emb"), List.of("last_hidden_state"))
        .write(dir.resolve("model.onnx"));
    Files.writeString(
        dir.resolve("tokenizer.json"),
        WordLevelTokenizerJson.withoutSpecialTokens(TinyM3Model.VOCAB, TinyM3Model.UNK + 1, "<unk>"));
    Files.writeString(
        dir.resolve("m3search.json"),
        "{\"layout\": \"hidden-state\", \"maxTokens\": " + TinyM3Model.MAX_TOKENS
            + ", \"pooling\": \"last-token\", \"appendEos\": true, " + moreConfig + "}");
    return dir;
  }
}
