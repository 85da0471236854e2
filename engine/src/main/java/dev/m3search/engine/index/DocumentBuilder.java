package dev.m3search.engine.index;

import dev.m3search.codecs.M3Fields;
import dev.m3search.engine.model.TextEncoding;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LateInteractionField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.VectorSimilarityFunction;

/** Builds the Lucene document of one text from its source and its encoding. */
final class DocumentBuilder {
  /** Lexical terms: frequencies and norms feed BM25; positions are not needed. */
  private static final FieldType LEXICAL = new FieldType();

  static {
    LEXICAL.setTokenized(true);
    LEXICAL.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    LEXICAL.freeze();
  }

  private final boolean learnedSparse;

  DocumentBuilder(boolean learnedSparse) {
    this.learnedSparse = learnedSparse;
  }

  Document build(SourceDocument source, TextEncoding encoding) {
    Document doc = new Document();
    doc.add(new StringField(M3Fields.ID, source.id(), Field.Store.YES));
    if (!source.title().isEmpty()) {
      doc.add(new StoredField(M3Fields.TITLE, source.title()));
    }
    doc.add(new StoredField(M3Fields.TEXT, source.text()));
    for (Map.Entry<String, String> e : source.metadata().entrySet()) {
      doc.add(new StringField(M3Fields.metadata(e.getKey()), e.getValue(), Field.Store.YES));
    }
    doc.add(new KnnFloatVectorField(M3Fields.DENSE, encoding.dense(), VectorSimilarityFunction.DOT_PRODUCT));
    if (learnedSparse) {
      for (Map.Entry<Integer, Float> e : encoding.sparseWeights().entrySet()) {
        // FeatureField stores weights in the term frequency; it cannot hold subnormal values.
        if (e.getValue() >= Float.MIN_NORMAL) {
          doc.add(new FeatureField(M3Fields.SPARSE, Integer.toString(e.getKey()), e.getValue()));
        }
      }
    } else {
      doc.add(new Field(M3Fields.SPARSE, source.encodedText(), LEXICAL));
    }
    if (encoding.tokenVectors().length > 0) {
      doc.add(new LateInteractionField(M3Fields.COLBERT, encoding.tokenVectors()));
    }
    return doc;
  }
}
