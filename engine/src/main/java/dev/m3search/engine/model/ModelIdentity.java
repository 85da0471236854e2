package dev.m3search.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.m3search.query.SparseKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an index must agree on with the model that searches it; stored with every commit. A model
 * is its content: the digest of every weight file and the tokenizer, and every setting that changes
 * an encoding. The name is a label: it is shown, never compared, so a model folder can be moved
 * or renamed without orphaning its indexes.
 *
 * @param weightsDigest SHA-256 over the ONNX file, its external data files and the tokenizer
 */
public record ModelIdentity(
    String name, String weightsDigest, EncodingSettings settings, int denseDimension, int tokenDimension,
    List<String> languages) {

  /**
   * @param languages ISO 639-1 codes of the languages the model knows; empty when it does not
   *     say. A label like the name: shown and used for defaults, never compared.
   */
  public ModelIdentity {
    languages = languages == null ? List.of() : List.copyOf(languages);
  }

  /** A model that does not say which languages it knows. */
  public ModelIdentity(String name, String weightsDigest, EncodingSettings settings, int denseDimension, int tokenDimension) {
    this(name, weightsDigest, settings, denseDimension, tokenDimension, List.of());
  }

  /** Whether the model knows the language {@code code}: it names it, or names none. */
  public boolean knows(String code) {
    return languages.isEmpty() || languages.contains(code);
  }

  /** Commit user data keys of the identity start with this. */
  public static final String COMMIT_KEY_PREFIX = "m3.model.";
  private static final String PREFIX = COMMIT_KEY_PREFIX;
  private static final ObjectMapper JSON = new ObjectMapper();

  public ModelLayout layout() {
    return settings.layout();
  }

  /** Learned token-id weights from the model (m3 layout), or analysed words scored with BM25. */
  public SparseKind sparseKind() {
    return settings.layout().learnsSparseWeights() ? SparseKind.LEARNED : SparseKind.LEXICAL;
  }

  /** Whether an index built with {@code other} can be searched and extended with this model. */
  public boolean sameModelAs(ModelIdentity other) {
    return differencesFrom(other).isEmpty();
  }

  /** What differs from {@code other}, one phrase each; empty when the two encode alike. */
  public List<String> differencesFrom(ModelIdentity other) {
    List<String> out = new ArrayList<>();
    if (!weightsDigest.equals(other.weightsDigest)) {
      out.add("weights or tokenizer " + shortDigest() + " vs " + other.shortDigest());
    }
    out.addAll(settings.differencesFrom(other.settings));
    if (denseDimension != other.denseDimension) {
      out.add("dense dimension " + denseDimension + " vs " + other.denseDimension);
    }
    if (tokenDimension != other.tokenDimension) {
      out.add("token dimension " + tokenDimension + " vs " + other.tokenDimension);
    }
    return out;
  }

  public String shortDigest() {
    return weightsDigest.substring(0, Math.min(12, weightsDigest.length()));
  }

  public Map<String, String> toCommitData() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(PREFIX + "name", name);
    data.put(PREFIX + "weights", weightsDigest);
    try {
      data.put(PREFIX + "settings", JSON.writeValueAsString(settings));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    data.put(PREFIX + "denseDimension", Integer.toString(denseDimension));
    data.put(PREFIX + "tokenDimension", Integer.toString(tokenDimension));
    if (!languages.isEmpty()) {
      data.put(PREFIX + "languages", String.join(",", languages));
    }
    return data;
  }

  /**
   * The identity recorded in a commit, or null when the commit names no model.
   *
   * @throws IllegalArgumentException when the commit was written by an m3search too old to record
   *     a model's content, or the record is damaged
   */
  public static ModelIdentity fromCommitData(Map<String, String> data) {
    if (!data.containsKey(PREFIX + "name")) {
      return null;
    }
    String name = data.get(PREFIX + "name");
    if (!data.containsKey(PREFIX + "weights") || !data.containsKey(PREFIX + "settings")) {
      throw new IllegalArgumentException(
          "the index was built with model " + name + " by an earlier m3search that did not record the model's"
              + " content; index the corpus again into a new folder");
    }
    try {
      return new ModelIdentity(
          name,
          data.get(PREFIX + "weights"),
          JSON.readValue(data.get(PREFIX + "settings"), EncodingSettings.class),
          Integer.parseInt(data.get(PREFIX + "denseDimension")),
          Integer.parseInt(data.get(PREFIX + "tokenDimension")),
          data.containsKey(PREFIX + "languages") ? List.of(data.get(PREFIX + "languages").split(",")) : List.of());
    } catch (JsonProcessingException | NumberFormatException e) {
      throw new IllegalArgumentException("the model recorded in the index's last commit is damaged: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return name + " (" + layout().label() + ", dense " + denseDimension + "d"
        + (settings.pooling() == Pooling.CLS ? "" : " " + settings.pooling().label() + "-pooled")
        + (settings.hasTokenVectors() ? ", tokens " + tokenDimension + "d" : ", no token vectors") + ", sparse " + sparseKind().label() + (languages.isEmpty() ? "" : ", languages " + String.join(",", languages))
        + ", weights " + shortDigest() + ")";
  }
}
