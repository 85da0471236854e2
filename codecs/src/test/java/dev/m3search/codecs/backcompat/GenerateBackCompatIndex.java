package dev.m3search.codecs.backcompat;

import dev.m3search.codecs.DenseVectorMode;
import dev.m3search.codecs.M3FieldFormats;
import dev.m3search.codecs.M3Fields;
import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.codecs.lateinteraction.SegmentMaxSim;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.codecs.lateinteraction.TokenVectorsField;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * Writes {@code m3lucene104-v0.zip} and its expected scores: three segments of {@link
 * BackCompatData}, token vectors in 2bit, int4 and float32, three documents deleted. {@code
 * TestBackCompatIndexes} reads it with today's code. Usage: {@code GenerateBackCompatIndex
 * OUTPUT_FOLDER}.
 *
 * <p>The committed zip was written by this class as of commit 7846566, when the mode was a field
 * attribute ({@code new TokenVectorsField(name, tokens, mode)}) and the sparse leg's postings were
 * {@code M3BlockMaxSparse104} by default; run today, it writes today's format (mode per format,
 * block maxima asked for), which is what a new back-compat index should be made from.
 */
public final class GenerateBackCompatIndex {
  static final TokenVectorMode[] SEGMENT_MODES = {TokenVectorMode.BIT2, TokenVectorMode.INT4, TokenVectorMode.FLOAT32};

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    Path index = Files.createTempDirectory("m3-backcompat");
    try (FSDirectory directory = FSDirectory.open(index)) {
      for (int segment = 0; segment < SEGMENT_MODES.length; segment++) {
        // one writer per segment, each configured with the segment's mode
        IndexWriterConfig config =
            new IndexWriterConfig()
                .setCodec(codec(SEGMENT_MODES[segment]))
                .setUseCompoundFile(false)
                .setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
          for (int doc = segment * BackCompatData.PER_SEGMENT; doc < (segment + 1) * BackCompatData.PER_SEGMENT; doc++) {
            writer.addDocument(document(doc));
          }
          if (segment == SEGMENT_MODES.length - 1) {
            for (int doc : BackCompatData.DELETED) {
              writer.deleteDocuments(new Term(M3Fields.ID, BackCompatData.id(doc)));
            }
          }
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(directory);
          PrintWriter expected =
              new PrintWriter(Files.newBufferedWriter(out.resolve("m3lucene104-v0.expected"), StandardCharsets.UTF_8))) {
        writeExpected(reader, expected);
      }
    }
    zip(index, out.resolve("m3lucene104-v0.zip"));
  }

  private static M3Lucene104Codec codec(TokenVectorMode mode) {
    return new M3Lucene104Codec(new M3FieldFormats(DenseVectorMode.FLOAT32, mode, true));
  }

  static Document document(int doc) {
    Document document = new Document();
    document.add(new StringField(M3Fields.ID, BackCompatData.id(doc), Field.Store.YES));
    document.add(new KnnFloatVectorField(M3Fields.DENSE, BackCompatData.dense(doc), VectorSimilarityFunction.DOT_PRODUCT));
    for (Map.Entry<String, Float> e : BackCompatData.sparse(doc).entrySet()) {
      document.add(new FeatureField(M3Fields.SPARSE, e.getKey(), e.getValue()));
    }
    document.add(new TokenVectorsField(M3Fields.COLBERT, BackCompatData.tokens(doc)));
    return document;
  }

  /** One line per live document: id, MaxSim on the stored codes, sparse score. */
  static void writeExpected(DirectoryReader reader, PrintWriter out) throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    TopDocs sparse = searcher.search(sparseQuery(), BackCompatData.DOCUMENTS);
    float[] sparseScores = new float[reader.maxDoc()];
    for (ScoreDoc hit : sparse.scoreDocs) {
      sparseScores[hit.doc] = hit.score;
    }
    for (LeafReaderContext leaf : reader.leaves()) {
      SegmentMaxSim maxSim = SegmentMaxSim.create(leaf.reader(), M3Fields.COLBERT, BackCompatData.queryTokens());
      for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
        if (leaf.reader().getLiveDocs() != null && leaf.reader().getLiveDocs().get(doc) == false) {
          continue;
        }
        String id = leaf.reader().storedFields().document(doc).get(M3Fields.ID);
        out.printf(Locale.ROOT, "%s\t%.9g\t%.9g%n", id, maxSim.score(doc), sparseScores[leaf.docBase + doc]);
      }
    }
  }

  static BooleanQuery sparseQuery() {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (String term : BackCompatData.queryTerms()) {
      query.add(FeatureField.newLinearQuery(M3Fields.SPARSE, term, 1f), BooleanClause.Occur.SHOULD);
    }
    return query.build();
  }

  private static void zip(Path folder, Path zip) throws IOException {
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file);
        var files = Files.list(folder)) {
      for (Path path : files.sorted().toList()) {
        if (path.getFileName().toString().equals("write.lock")) {
          continue;
        }
        out.putNextEntry(new ZipEntry(path.getFileName().toString()));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
  }
}
