package dev.m3search.elasticsearch.encode;

import dev.m3search.plugin.NodeEncoder;
import java.util.Map;
import org.elasticsearch.cluster.metadata.ProjectId;
import org.elasticsearch.ingest.AbstractProcessor;
import org.elasticsearch.ingest.ConfigurationUtils;
import org.elasticsearch.ingest.IngestDocument;
import org.elasticsearch.ingest.Processor;

/**
 * {@code m3_encode}: encodes the text of {@code field} with the node's model and puts its
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
    document.setFieldValue(targetField, encoder.encodeDocument(text).toJson());
    return document;
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
        Map<String, Processor.Factory> registry, String tag, String description, Map<String, Object> config, ProjectId project) {
      String field = ConfigurationUtils.readStringProperty(TYPE, tag, config, "field");
      String target = ConfigurationUtils.readStringProperty(TYPE, tag, config, "target_field");
      return new M3EncodeProcessor(tag, description, encoder, field, target);
    }
  }
}
