package dev.m3search.plugin;

import dev.m3search.plugin.JsonSource.Kind;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.HybridQuery;
import dev.m3search.query.LegWeights;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SparseQueries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.search.Query;

/**
 * The body of an {@code m3_hybrid} query as both plugins take it: the {@code m3} field, the query
 * as representations or as {@code text} still to encode, and the {@link HybridOptions}. Each
 * plugin's query builder holds one, plus what only its engine can hold (the {@code filter}, a
 * query of that engine), and builds the Lucene query with {@link #toQuery}. Parsing, the wire form
 * and the JSON form are here, so the two plugins read and write the same requests.
 *
 * @param text text to encode on the coordinating node, or null once {@code query} holds it
 * @param query the representations (empty while {@code text} is still to encode)
 */
public record HybridRequest(String field, String text, Representations query, HybridOptions options) {
  public static final String NAME = "m3_hybrid";
  private static final Representations NONE = new Representations(new float[0], Map.of(), new float[0][]);

  public HybridRequest {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(options, "options");
  }

  /**
   * Reads the body the parser is on (its start) up to its end; {@code other} takes the keys that
   * are the plugin's ({@code filter}, {@code boost}, {@code _name}) or rejects them.
   */
  public static HybridRequest parse(JsonSource parser, Representations.OtherKey other) throws IOException {
    String field = null;
    String text = null;
    Representations query = null;
    HybridOptions options = HybridOptions.defaults();
    for (Kind token = parser.next(); token != Kind.END_OBJECT; token = parser.next()) {
      String key = parser.name();
      parser.next();
      if (HybridOptions.isOption(key)) {
        options = options.read(key, parser);
        continue;
      }
      switch (key) {
        case "field" -> field = parser.text();
        case "text" -> text = parser.text();
        case "query" -> query = Representations.parse(parser, NAME + ".query", Representations.OtherKey.reject(NAME + ".query"));
        default -> other.accept(key, parser);
      }
    }
    if (field == null || (query == null) == (text == null)) {
      throw new IllegalArgumentException("[field] is required, and one of [query] and [text]");
    }
    if (query != null && (query.dense() == null || query.sparse() == null)) {
      throw new IllegalArgumentException("[query] needs dense, sparse and (but on a field without token vectors) colbert");
    }
    return new HybridRequest(field, text, query != null ? query : NONE, options);
  }

  /**
   * The same request with its text encoded by {@code encoder}, the node's that parsed it; itself
   * when it has no text.
   *
   * @throws IllegalStateException when it has text and no encoder: it reached a shard unencoded
   */
  public HybridRequest encodedBy(NodeEncoder encoder) throws IOException {
    if (text == null) {
      return this;
    }
    if (encoder == null) {
      throw new IllegalStateException("[" + NAME + "] text reached a shard unencoded");
    }
    return new HybridRequest(field, null, encoder.encodeQuery(text), options);
  }

  /** The error for a {@code field} that is not an {@code m3} field: {@code typeName} is its type, null when unmapped. */
  public IllegalArgumentException notAnM3Field(String typeName) {
    return new IllegalArgumentException("[" + NAME + "] field [" + field + "] is "
        + (typeName == null ? "not mapped" : "of type [" + typeName + "]") + ", not [m3]");
  }

  /**
   * The embedded engine's {@link HybridQuery} on {@code target}, {@code filter} (null for none)
   * applied inside the legs, after checking the representations and options against the field.
   */
  public HybridQuery toQuery(M3Field target, Query filter) {
    if (text != null) {
      throw new IllegalStateException("[" + NAME + "] text must be encoded before the query is built");
    }
    query.validate(NAME + ".query", target.denseDimension(), target.tokenDimension(), target.tokenVectors());
    EncodedQuery encoded =
        new EncodedQuery(query.dense(), SparseQueries.learnedWeights(target.legs().sparse(), query.sparse()), query.tokenVectors());
    return new HybridQuery(target.legs(), encoded, options.mode(), options.fusionFor(NAME, field, target.tokenVectors()),
        options.depth(), filter, 1);
  }

  /**
   * The keys and values of the body's JSON form, in order, for the plugin's XContent builder (its
   * own keys come after): {@link #parse} reads them back.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("field", field);
    if (text != null) {
      json.put("text", text);
    } else {
      json.put("query", query.toJson());
    }
    json.put("mode", options.modeName());
    json.put("fusion", options.fusion());
    if (options.weights() != null) {
      json.put("weights", new float[] {options.weights().dense(), options.weights().sparse(), options.weights().colbert()});
    }
    json.put("depth", options.depth());
    return json;
  }

  /** The wire form, which {@link #fromBytes} reads back. */
  public byte[] toBytes() {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
      writeString(out, field);
      out.writeBoolean(text != null);
      if (text != null) {
        writeString(out, text);
      }
      writeFloats(out, query.dense());
      out.writeInt(query.sparse().size());
      for (Map.Entry<String, Float> e : query.sparse().entrySet()) {
        writeString(out, e.getKey());
        out.writeFloat(e.getValue());
      }
      float[][] tokens = query.tokenVectors();
      out.writeInt(tokens.length);
      for (float[] token : tokens) {
        writeFloats(out, token);
      }
      out.writeUTF(options.mode().name());
      out.writeUTF(options.fusion());
      LegWeights weights = options.weights();
      out.writeBoolean(weights != null);
      if (weights != null) {
        out.writeFloat(weights.dense());
        out.writeFloat(weights.sparse());
        out.writeFloat(weights.colbert());
      }
      out.writeInt(options.depth());
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static HybridRequest fromBytes(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      String field = readString(in);
      String text = in.readBoolean() ? readString(in) : null;
      float[] dense = readFloats(in);
      int terms = in.readInt();
      Map<String, Float> sparse = new LinkedHashMap<>();
      for (int i = 0; i < terms; i++) {
        sparse.put(readString(in), in.readFloat());
      }
      float[][] tokens = new float[in.readInt()][];
      for (int t = 0; t < tokens.length; t++) {
        tokens[t] = readFloats(in);
      }
      SearchMode mode = SearchMode.valueOf(in.readUTF());
      String fusion = in.readUTF();
      LegWeights weights = in.readBoolean() ? new LegWeights(in.readFloat(), in.readFloat(), in.readFloat()) : null;
      int depth = in.readInt();
      return new HybridRequest(field, text, new Representations(dense, sparse, tokens), new HybridOptions(mode, fusion, weights, depth));
    }
  }

  /** UTF-8 with its length: unlike {@code writeUTF}, a text of any length (a query's text may be long). */
  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
  }

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    float[] values = new float[in.readInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readFloat();
    }
    return values;
  }
}
