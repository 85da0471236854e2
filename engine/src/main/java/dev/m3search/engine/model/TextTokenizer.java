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
  private final int maxTokens;
  /** The id to end every text with where the tokenizer does not, or −1. */
  private final int appendedEos;
  /** Batches are padded before each text, not after. */
  private final boolean leftPadding;

  /** Token ids of some texts, and whether each was cut to the maximum length. */
  public record Tokenized(long[][] ids, boolean[] truncated) {}

  TextTokenizer(byte[] tokenizerJson, int maxTokens, int padId) throws IOException {
    this(tokenizerJson, maxTokens, padId, -1, false);
  }

  /**
   * @param appendedEos the EOS id every text must end with (appended, within the maximum), or −1
   * @param leftPadding pad batches before each text
   */
  TextTokenizer(byte[] tokenizerJson, int maxTokens, int padId, int appendedEos, boolean leftPadding) throws IOException {
    DjlTelemetry.optOut();
    this.tokenizer =
        HuggingFaceTokenizer.newInstance(
            new ByteArrayInputStream(tokenizerJson),
            Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "padding", "false",
                "maxLength", Integer.toString(maxTokens)));
    this.padId = Math.max(padId, 0);
    this.maxTokens = maxTokens;
    this.appendedEos = appendedEos;
    this.leftPadding = leftPadding;
  }

  public Tokenized tokenize(List<String> texts) {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    long[][] ids = new long[encodings.length][];
    boolean[] truncated = new boolean[encodings.length];
    for (int i = 0; i < encodings.length; i++) {
      ids[i] = withEos(encodings[i].getIds());
      truncated[i] = encodings[i].exceedMaxLength();
    }
    return new Tokenized(ids, truncated);
  }

  private long[] withEos(long[] ids) {
    if (appendedEos < 0 || (ids.length > 0 && ids[ids.length - 1] == appendedEos)) {
      return ids;
    }
    long[] ended = Arrays.copyOf(ids, Math.min(ids.length + 1, maxTokens));
    ended[ended.length - 1] = appendedEos;
    return ended;
  }

  /**
   * Groups sequences into batches, longest first, each padded only to its own longest sequence and
   * holding at most {@code maxRows} sequences and {@code maxTokens} padded tokens (a sequence longer
   * than the budget gets a batch of its own), padded on the side the model asks for.
   */
  public List<TokenBatch> batchByLength(long[][] ids, int maxRows, int maxTokens) {
    Integer[] order = new Integer[ids.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> -ids[i].length).thenComparingInt(i -> i));
    List<TokenBatch> batches = new ArrayList<>();
    int start = 0;
    while (start < order.length) {
      int width = Math.max(1, ids[order[start]].length);
      int rows = Math.max(1, Math.min(maxRows, Math.min(order.length - start, maxTokens / width)));
      batches.add(batch(ids, order, start, rows, width));
      start += rows;
    }
    return batches;
  }

  private TokenBatch batch(long[][] ids, Integer[] order, int start, int rows, int width) {
    int[] positions = new int[rows];
    long[][] padded = new long[rows][];
    int[] lengths = new int[rows];
    for (int r = 0; r < rows; r++) {
      int position = order[start + r];
      positions[r] = position;
      lengths[r] = ids[position].length;
      padded[r] = new long[width];
      int from = leftPadding ? width - lengths[r] : 0;
      Arrays.fill(padded[r], padId);
      System.arraycopy(ids[position], 0, padded[r], from, lengths[r]);
    }
    return new TokenBatch(positions, padded, lengths, width, leftPadding);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
