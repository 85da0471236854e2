package dev.m3search.engine.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A HuggingFace tokenizer that truncates to the model's maximum and batches by length. */
public final class TextTokenizer implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final int padId;

  /** Token ids of some texts, and whether each was cut to the maximum length. */
  public record Tokenized(long[][] ids, boolean[] truncated) {}

  TextTokenizer(byte[] tokenizerJson, int maxTokens, int padId) throws IOException {
    this.tokenizer =
        HuggingFaceTokenizer.newInstance(
            new ByteArrayInputStream(tokenizerJson),
            Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "padding", "false",
                "maxLength", Integer.toString(maxTokens)));
    this.padId = Math.max(padId, 0);
  }

  public Tokenized tokenize(List<String> texts) {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    long[][] ids = new long[encodings.length][];
    boolean[] truncated = new boolean[encodings.length];
    for (int i = 0; i < encodings.length; i++) {
      ids[i] = encodings[i].getIds();
      truncated[i] = encodings[i].exceedMaxLength();
    }
    return new Tokenized(ids, truncated);
  }

  /**
   * Groups sequences into batches of at most {@code batchSize}, longest first, each padded only to
   * its own longest sequence.
   */
  public List<TokenBatch> batchByLength(long[][] ids, int batchSize) {
    Integer[] order = new Integer[ids.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> -ids[i].length).thenComparingInt(i -> i));
    List<TokenBatch> batches = new ArrayList<>();
    for (int start = 0; start < order.length; start += batchSize) {
      int rows = Math.min(batchSize, order.length - start);
      int width = ids[order[start]].length;
      int[] positions = new int[rows];
      long[][] padded = new long[rows][];
      int[] lengths = new int[rows];
      for (int r = 0; r < rows; r++) {
        int position = order[start + r];
        positions[r] = position;
        lengths[r] = ids[position].length;
        padded[r] = Arrays.copyOf(ids[position], width);
        Arrays.fill(padded[r], lengths[r], width, padId);
      }
      batches.add(new TokenBatch(positions, padded, lengths, width));
    }
    return batches;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
