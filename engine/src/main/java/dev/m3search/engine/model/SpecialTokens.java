package dev.m3search.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ids of the special tokens a sparse encoding drops (BGE-M3's {@code unused_tokens}), and the one
 * used for padding. An id of -1 means the vocabulary has no such token.
 */
public record SpecialTokens(int cls, int eos, int pad, int unk) {
  private static final List<String> CLS = List.of("<s>", "[CLS]");
  private static final List<String> EOS = List.of("</s>", "[SEP]");
  private static final List<String> PAD = List.of("<pad>", "[PAD]");
  private static final List<String> UNK = List.of("<unk>", "[UNK]");

  public boolean isSpecial(long id) {
    return id == cls || id == eos || id == pad || id == unk;
  }

  /** Reads the ids from the {@code added_tokens} of a HuggingFace {@code tokenizer.json}. */
  public static SpecialTokens fromTokenizerJson(byte[] tokenizerJson) throws IOException {
    JsonNode root = new ObjectMapper().readTree(tokenizerJson);
    Map<String, Integer> ids = new HashMap<>();
    for (JsonNode token : root.path("added_tokens")) {
      ids.put(token.path("content").asText(), token.path("id").asInt());
    }
    JsonNode vocab = root.path("model").path("vocab");
    if (vocab.isObject()) {
      vocab.fields().forEachRemaining(e -> ids.putIfAbsent(e.getKey(), e.getValue().asInt()));
    }
    return new SpecialTokens(find(ids, CLS), find(ids, EOS), find(ids, PAD), find(ids, UNK));
  }

  private static int find(Map<String, Integer> ids, List<String> names) {
    for (String name : names) {
      Integer id = ids.get(name);
      if (id != null) {
        return id;
      }
    }
    return -1;
  }
}
