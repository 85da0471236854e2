package dev.m3search.opensearch.encode;

import dev.m3search.plugin.Representations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.ingest.AbstractProcessor;
import org.opensearch.ingest.ConfigurationUtils;
import org.opensearch.ingest.IngestDocument;
import org.opensearch.ingest.Processor;

/**
 * {@code m3_encode}: encodes the text of {@code field} with the node's model and puts its three
 * representations into {@code target_field}, an {@code m3} field.
 *
 * <pre>{"m3_encode": {"field": "text", "target_field": "emb"}}</pre>
 */
public final class M3EncodeProcessor extends AbstractProcessor {
  public static final String TYPE = "m3_encode";
  private final NodeEncoder encoder;
  private final String field;
  private final String targetField;

  M3EncodeProcessor(String tag, String description, NodeEncoder encoder, String field, String targetField) {
    super(tag, description);
    this.encoder = encoder;
    this.field = field;
    this.targetField = targetField;
  }

  @Override
  public IngestDocument execute(IngestDocument document) throws Exception {
    String text = document.getFieldValue(field, String.class);
    Representations value = encoder.encodeDocument(text);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(Representations.DENSE, floats(value.dense()));
    json.put(Representations.SPARSE, new LinkedHashMap<>(value.sparse()));
    List<List<Float>> tokens = new ArrayList<>();
    for (float[] token : value.colbert()) {
      tokens.add(floats(token));
    }
    if (!tokens.isEmpty()) { // a model without token vectors (e5-small-v2) fills a field of two legs
      json.put(Representations.COLBERT, tokens);
    }
    document.setFieldValue(targetField, json);
    return document;
  }

  private static List<Float> floats(float[] vector) {
    List<Float> list = new ArrayList<>(vector.length);
    for (float v : vector) {
      list.add(v);
    }
    return list;
  }

  @Override
  public String getType() {
    return TYPE;
  }

  /** Reads {@code field} and {@code target_field} from the pipeline definition. */
  public static final class Factory implements Processor.Factory {
    private final NodeEncoder encoder;

    public Factory(NodeEncoder encoder) {
      this.encoder = encoder;
    }

    @Override
    public M3EncodeProcessor create(
        Map<String, Processor.Factory> registry, String tag, String description, Map<String, Object> config) {
      String field = ConfigurationUtils.readStringProperty(TYPE, tag, config, "field");
      String target = ConfigurationUtils.readStringProperty(TYPE, tag, config, "target_field");
      return new M3EncodeProcessor(tag, description, encoder, field, target);
    }
  }
}
