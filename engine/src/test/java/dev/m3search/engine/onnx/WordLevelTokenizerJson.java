package dev.m3search.engine.onnx;

import java.util.List;

/**
 * A HuggingFace {@code tokenizer.json} for the tiny test models: WordLevel over a given vocabulary,
 * lower case, whitespace split, {@code CLS $A SEP} for one text and {@code CLS $A SEP $B SEP} for
 * a pair. The first {@code specials} words are special tokens; {@code CLS} has id 0, {@code SEP}
 * id 2.
 */
final class WordLevelTokenizerJson {
  private WordLevelTokenizerJson() {}

  /**
   * @param secondTypeId the token type id of the second text of a pair (1 for BERT pair models)
   */
  /** The same without the post-processor: texts get no special tokens, as a decoder's tokenizer gives them. */
  static String withoutSpecialTokens(List<String> vocabulary, int specials, String unknown) {
    String json = of(vocabulary, specials, unknown, 0);
    int start = json.indexOf("\"post_processor\"");
    int end = json.indexOf("\"decoder\"");
    return json.substring(0, start) + "\"post_processor\": null,\n          " + json.substring(end);
  }

  static String of(List<String> vocabulary, int specials, String unknown, int secondTypeId) {
    String cls = vocabulary.get(0);
    String sep = vocabulary.get(2);
    StringBuilder vocab = new StringBuilder();
    StringBuilder added = new StringBuilder();
    for (int id = 0; id < vocabulary.size(); id++) {
      vocab.append(id == 0 ? "" : ", ").append('"').append(vocabulary.get(id)).append("\": ").append(id);
      if (id < specials) {
        added.append(id == 0 ? "" : ", ")
            .append("{\"id\": ").append(id).append(", \"content\": \"").append(vocabulary.get(id))
            .append("\", \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false, \"special\": true}");
      }
    }
    return """
        {
          "version": "1.0",
          "truncation": null,
          "padding": null,
          "added_tokens": [%1$s],
          "normalizer": {"type": "Lowercase"},
          "pre_tokenizer": {"type": "Whitespace"},
          "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "%3$s", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "%4$s", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "%3$s", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "%4$s", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": %6$d}}, {"SpecialToken": {"id": "%4$s", "type_id": %6$d}}],
            "special_tokens": {
              "%3$s": {"id": "%3$s", "ids": [0], "tokens": ["%3$s"]},
              "%4$s": {"id": "%4$s", "ids": [2], "tokens": ["%4$s"]}
            }
          },
          "decoder": null,
          "model": {"type": "WordLevel", "vocab": {%2$s}, "unk_token": "%5$s"}
        }
        """
        .formatted(added, vocab, cls, sep, unknown, secondTypeId);
  }
}
