package dev.m3search.codecs.lateinteraction;

import dev.m3search.codecs.DenseVectorMode;
import dev.m3search.codecs.M3FieldFormats;
import dev.m3search.codecs.M3Lucene104Codec;
import dev.m3search.codecs.vectors.FixedOrderLanes;
import dev.m3search.codecs.vectors.VectorApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jdk.incubator.vector.LongVector;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LateInteractionField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.tests.util.LuceneTestCase;

/**
 * MaxSim on the codes, and MaxSim on the values read back, of a fixed sample in every mode, against
 * the scores recorded in {@code recorded-maxsim-scores*.txt}: a change to how codes are laid out or
 * scored that moves any score by one bit fails here. The scores were recorded before storage and
 * scoring were split into layouts and kernels, and again when {@link TokenQuantizer} took the place
 * of Lucene's quantiser (which rounds differently). Query quantisation sums lanes of the preferred
 * vector width, so the scores are exact for the machine shapes they were recorded on (each file's
 * first line: with the vector API, and without it, when the scalar kernels run) and within 1e-6
 * on another. The sample is drawn and normalised in scalar code, so it is the same whether or not
 * the JIT has compiled Lucene's vector code by then.
 *
 * <p>To record again: set the environment variable {@code M3_RECORD_MAXSIM} to the file to write
 * (the scalar file: run the test's class with JUnit on a JVM without {@code jdk.incubator.vector}).
 */
public class TestRecordedMaxSimScores extends LuceneTestCase {
  private static final String FIELD = "colbert";
  /** Scores recorded with the vector API (512-bit vectors), and without it. */
  private static final String[] RESOURCES = {"recorded-maxsim-scores.txt", "recorded-maxsim-scores-scalar.txt"};
  private static final int[] DIMENSIONS = {100, 128};
  private static final int DOCUMENTS = 30;
  private static final int QUERIES = 4;

  public void testScoresAreTheRecordedOnes() throws Exception {
    List<String> actual = scores();
    String record = System.getenv("M3_RECORD_MAXSIM");
    if (record != null) {
      try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(record), StandardCharsets.UTF_8))) {
        out.println(shape());
        actual.forEach(out::println);
      }
      return;
    }
    // the scores recorded on this machine shape if there are any, else the first file's
    List<String> expected = null;
    boolean sameShape = false;
    for (String resource : RESOURCES) {
      List<String> recorded = new ArrayList<>();
      String recordedShape;
      try (InputStream in = getClass().getResourceAsStream(resource);
          BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        recordedShape = reader.readLine();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          recorded.add(line);
        }
      }
      if (expected == null || recordedShape.equals(shape())) {
        expected = recorded;
        sameShape = recordedShape.equals(shape());
      }
    }
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      if (sameShape) {
        assertEquals(expected.get(i), actual.get(i));
      } else {
        String[] e = expected.get(i).split(" ");
        String[] a = actual.get(i).split(" ");
        assertEquals(e[0] + e[1] + e[2] + e[3] + e[4], a[0] + a[1] + a[2] + a[3] + a[4]);
        assertEquals(expected.get(i), score(e[5]), score(a[5]), 1e-6);
      }
    }
  }

  /** What the bits of a score depend on besides the code: whether and how wide the JVM vectorises. */
  private static String shape() {
    return VectorApi.AVAILABLE
        ? "vectorized floats=" + FixedOrderLanes.SPECIES.length() + " longs=" + LongVector.SPECIES_PREFERRED.length()
        : "scalar";
  }

  private static float score(String hex) {
    return Float.intBitsToFloat(Integer.parseUnsignedInt(hex, 16));
  }

  /** One line per mode, dimension, query, path ({@code codes} or {@code values}) and document. */
  private static List<String> scores() throws IOException {
    List<String> lines = new ArrayList<>();
    for (TokenVectorMode mode : TokenVectorMode.values()) {
      for (int dimension : DIMENSIONS) {
        Random random = new Random(31L * dimension + mode.ordinal());
        float[][] centres = centres(random, 8, dimension);
        float[][][] documents = new float[DOCUMENTS][][];
        for (int d = 0; d < DOCUMENTS; d++) {
          documents[d] = d % 7 == 3 ? null : tokens(random, centres, 1 + random.nextInt(40));
        }
        try (Directory dir = new ByteBuffersDirectory()) {
          IndexWriterConfig config = new IndexWriterConfig()
              .setCodec(new M3Lucene104Codec(new M3FieldFormats(DenseVectorMode.FLOAT32, mode)))
              .setMergePolicy(NoMergePolicy.INSTANCE);
          try (IndexWriter writer = new IndexWriter(dir, config)) {
            for (float[][] tokens : documents) {
              Document doc = new Document();
              if (tokens != null) {
                doc.add(new TokenVectorsField(FIELD, tokens));
              }
              writer.addDocument(doc);
            }
          }
          try (DirectoryReader reader = DirectoryReader.open(dir)) {
            assertEquals(1, reader.leaves().size());
            LeafReader leaf = reader.leaves().get(0).reader();
            for (int q = 0; q < QUERIES; q++) {
              float[][] query = tokens(random, centres, 1 + random.nextInt(32));
              String prefix = mode.label() + " " + dimension + " " + q + " ";
              SegmentMaxSim codes = SegmentMaxSim.create(leaf, FIELD, query);
              for (int d = 0; d < DOCUMENTS; d++) {
                lines.add(prefix + "codes " + d + " " + hex(codes.score(d)));
              }
              BinaryDocValues values = leaf.getBinaryDocValues(FIELD);
              for (int d = 0; d < DOCUMENTS; d++) {
                float score = values.advanceExact(d)
                    ? SegmentMaxSim.exact(query, LateInteractionField.decode(values.binaryValue()))
                    : 0f;
                lines.add(prefix + "values " + d + " " + hex(score));
              }
            }
          }
        }
      }
    }
    return lines;
  }

  /**
   * As {@link TokenVectorSamples}, normalised in scalar code: Lucene's vectorised {@code
   * l2normalize} rounds differently once the JIT compiles it, which would change the sample.
   */
  private static float[][] centres(Random random, int count, int dimension) {
    float[][] centres = new float[count][dimension];
    for (float[] c : centres) {
      for (int i = 0; i < dimension; i++) {
        c[i] = (float) random.nextGaussian();
      }
      normalize(c);
    }
    return centres;
  }

  private static float[][] tokens(Random random, float[][] centres, int count) {
    int dimension = centres[0].length;
    float[][] tokens = new float[count][dimension];
    for (float[] t : tokens) {
      float[] c = centres[random.nextInt(centres.length)];
      for (int i = 0; i < dimension; i++) {
        t[i] = c[i] + 0.6f * (float) random.nextGaussian() / (float) Math.sqrt(dimension);
      }
      normalize(t);
    }
    return tokens;
  }

  private static void normalize(float[] v) {
    double square = 0;
    for (float x : v) {
      square += (double) x * x;
    }
    double norm = Math.sqrt(square);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / norm);
    }
  }

  private static String hex(float score) {
    return Integer.toHexString(Float.floatToRawIntBits(score));
  }
}
