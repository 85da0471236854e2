package dev.m3search.codecs.vectors;

/** Whether m3search's kernels may use the Panama vector API in this JVM. */
public final class VectorApi {
  /**
   * True when the JVM was started with {@code --add-modules jdk.incubator.vector} (as the m3search
   * launcher and Lucene's own vectorisation ask) and {@code -Dm3search.vectorized=false} was not
   * given. Classes that import the vector API are only loaded when this holds.
   */
  public static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
      && Boolean.parseBoolean(System.getProperty("m3search.vectorized", "true"));

  private VectorApi() {}
}
