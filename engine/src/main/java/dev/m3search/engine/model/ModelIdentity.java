package dev.m3search.engine.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an index must agree on with the model that searches it. Stored with every commit.
 *
 * @param sparseKind {@code learned} (token-id weights from the model) or {@code lexical} (analysed
 *     words scored with BM25)
 */
public record ModelIdentity(
    String name, String fingerprint, ModelLayout layout, int denseDimension, int tokenDimension, String sparseKind) {

  /** Commit user data keys of the identity start with this. */
  public static final String COMMIT_KEY_PREFIX = "m3.model.";
  private static final String PREFIX = COMMIT_KEY_PREFIX;

  public Map<String, String> toCommitData() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(PREFIX + "name", name);
    data.put(PREFIX + "fingerprint", fingerprint);
    data.put(PREFIX + "layout", layout.label());
    data.put(PREFIX + "denseDimension", Integer.toString(denseDimension));
    data.put(PREFIX + "tokenDimension", Integer.toString(tokenDimension));
    data.put(PREFIX + "sparse", sparseKind);
    return data;
  }

  /** The identity recorded in a commit, or null when the commit has none. */
  public static ModelIdentity fromCommitData(Map<String, String> data) {
    if (!data.containsKey(PREFIX + "name")) {
      return null;
    }
    return new ModelIdentity(
        data.get(PREFIX + "name"),
        data.get(PREFIX + "fingerprint"),
        ModelLayout.parse(data.get(PREFIX + "layout")),
        Integer.parseInt(data.get(PREFIX + "denseDimension")),
        Integer.parseInt(data.get(PREFIX + "tokenDimension")),
        data.get(PREFIX + "sparse"));
  }

  @Override
  public String toString() {
    return name + " (" + layout.label() + ", dense " + denseDimension + "d, tokens " + tokenDimension
        + "d, sparse " + sparseKind + ", fingerprint " + fingerprint + ")";
  }
}
