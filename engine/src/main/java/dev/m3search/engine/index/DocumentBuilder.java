package dev.m3search.engine.index;

import dev.m3search.codecs.LegFields;
import dev.m3search.codecs.M3Fields;
import dev.m3search.engine.model.ModelIdentity;
import dev.m3search.engine.model.TextEncoding;
import dev.m3search.query.SparseKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;

/**
 * Builds the Lucene document of one text from its source and its encoding, after checking the
 * encoding against the index's model: a vector of the wrong dimension is refused here, naming the
 * document, before it can reach a segment.
 */
final class DocumentBuilder {
  /** Lexical terms: frequencies and norms feed BM25; positions are not needed. */
  private static final FieldType LEXICAL = new FieldType();

  static {
    LEXICAL.setTokenized(true);
    LEXICAL.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    LEXICAL.freeze();
  }

  private final ModelIdentity model;
  private final boolean learnedSparse;
  private final MetadataLayout metadataLayout;

  DocumentBuilder(ModelIdentity model, MetadataLayout metadataLayout) {
    this.model = model;
    this.metadataLayout = metadataLayout;
    this.learnedSparse = model.sparseKind() == SparseKind.LEARNED;
  }

  Document build(SourceDocument source, TextEncoding encoding) {
    check(source, encoding);
    Document doc = new Document();
    doc.add(new StringField(M3Fields.ID, source.id(), Field.Store.YES));
    if (!source.title().isEmpty()) {
      doc.add(new StoredField(M3Fields.TITLE, source.title()));
    }
    doc.add(new StoredField(M3Fields.TEXT, source.text()));
    addMetadata(doc, source.metadata());
    Map<String, Float> sparse = null;
    if (learnedSparse) {
      sparse = new LinkedHashMap<>();
      for (Map.Entry<Integer, Float> e : encoding.sparseWeights().entrySet()) {
        sparse.put(Integer.toString(e.getKey()), e.getValue());
      }
    } else {
      doc.add(new Field(M3Fields.SPARSE, source.encodedText(), LEXICAL));
    }
    LegFields.EMBEDDED.fields(encoding.dense(), sparse, encoding.tokenVectors()).forEach(doc::add);
    return doc;
  }

  /**
   * Every value is a keyword term of the key's keyword field, numbers also a point of its number
   * field, for ranges. Each of those fields is given one kind of value only, so its structure is
   * the same in every document whatever the key holds: a number here, a string or a list there.
   * A value too long for a term is only stored: as a keyword it would fail the whole document.
   */
  private void addMetadata(Document doc, Map<String, ?> metadata) {
    if (metadata.isEmpty()) {
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> values = (Map<String, Object>) metadata;
    doc.add(new StoredField(M3Fields.METADATA_JSON, Metadata.toJson(values)));
    values.forEach(
        (key, value) -> {
          String keywords = M3Fields.metadata(key);
          String numbers = metadataLayout.numberField(key);
          for (Object scalar : Metadata.values(value)) {
            String text = Metadata.text(scalar);
            if (Filters.matchable(text)) {
              doc.add(new StringField(keywords, text, Field.Store.NO));
            }
            if (scalar instanceof Number number) {
              doc.add(new DoublePoint(numbers, number.doubleValue()));
            }
          }
        });
  }

  private void check(SourceDocument source, TextEncoding encoding) {
    if (encoding.dense() == null || encoding.dense().length != model.denseDimension()) {
      throw mismatch(source, "a dense vector of " + (encoding.dense() == null ? "no" : encoding.dense().length)
          + " dimensions, the index holds " + model.denseDimension());
    }
    for (float[] token : encoding.tokenVectors()) {
      if (token.length != model.tokenDimension()) {
        throw mismatch(source, "a token vector of " + token.length + " dimensions, the index holds " + model.tokenDimension());
      }
    }
    if (learnedSparse && encoding.sparseWeights() == null) {
      throw mismatch(source, "no sparse weights, the index holds learned sparse weights");
    }
  }

  private IllegalArgumentException mismatch(SourceDocument source, String what) {
    return new IllegalArgumentException(
        "document \"" + source.id() + "\" has " + what + " (model " + model.name() + "); encode it with the index's model");
  }
}
