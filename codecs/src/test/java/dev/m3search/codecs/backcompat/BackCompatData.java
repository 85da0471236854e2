package dev.m3search.codecs.backcompat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The documents of the back-compatibility indexes, computed rather than stored, so the test can
 * compare what an old index reads back with what was written. Only the JDK is used ({@link
 * StrictMath}, reproducible on every JVM): the generator of the m3search 0.1 index compiles this
 * class beside the 0.1 codec.
 */
public final class BackCompatData {
  public static final int DOCUMENTS = 30;
  /** Documents written per segment: three segments. */
  public static final int PER_SEGMENT = 10;
  public static final int DENSE_DIMENSION = 8;
  public static final int TOKEN_DIMENSION = 16;
  /** Deleted after all segments are written. */
  public static final int[] DELETED = {4, 17, 25};

  private BackCompatData() {}

  public static String id(int doc) {
    return "d" + doc;
  }

  public static boolean deleted(int doc) {
    for (int d : DELETED) {
      if (d == doc) {
        return true;
      }
    }
    return false;
  }

  public static float[] dense(int doc) {
    float[] v = new float[DENSE_DIMENSION];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) StrictMath.sin(doc * 1.7 + i * 0.9 + 0.3);
    }
    return unit(v);
  }

  public static float[][] tokens(int doc) {
    float[][] tokens = new float[2 + Math.floorMod(doc, 4)][];
    for (int t = 0; t < tokens.length; t++) {
      float[] v = new float[TOKEN_DIMENSION];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (StrictMath.cos(doc * 0.61 + t * 2.3 + i * 0.37) + 0.5 * StrictMath.sin(i * 1.1 + t));
      }
      tokens[t] = unit(v);
    }
    return tokens;
  }

  /** The query's token vectors. */
  public static float[][] queryTokens() {
    return new float[][] {tokens(101)[0], tokens(102)[1], tokens(103)[0]};
  }

  /** Sparse weights: three of 20 terms, weights 0.1 to 0.4. */
  public static Map<String, Float> sparse(int doc) {
    Map<String, Float> weights = new LinkedHashMap<>();
    for (int k = 1; k <= 3; k++) {
      weights.put("t" + Math.floorMod(doc * k + k, 20), 0.1f + Math.floorMod(doc + k, 7) * 0.05f);
    }
    return weights;
  }

  /** The sparse query's terms. */
  public static String[] queryTerms() {
    return new String[] {"t1", "t2", "t5", "t7"};
  }

  private static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    float scale = (float) (1 / StrictMath.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }

  /** Unzips the index resource {@code resource} (beside this class) into the empty {@code folder}. */
  public static Path unzip(String resource, Path folder) throws IOException {
    try (InputStream in = BackCompatData.class.getResourceAsStream(resource);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        Files.copy(zip, folder.resolve(entry.getName()));
      }
    }
    return folder;
  }
}
