package dev.m3search.engine.model;

/**
 * DJL, whose Hugging Face tokenizer we use, reports each first use to Amazon (it asks the cloud
 * metadata address, then an S3 URL) unless {@code OPT_OUT_TRACKING} is set. A search engine that
 * runs models locally sends nothing anywhere; inside OpenSearch the connection is also refused.
 */
final class DjlTelemetry {
  private static final String OPT_OUT = "OPT_OUT_TRACKING";

  private DjlTelemetry() {}

  /** Opts out before a tokenizer is made, unless the user has decided otherwise. */
  static void optOut() {
    if (System.getenv(OPT_OUT) == null && System.getProperty(OPT_OUT) == null) {
      System.setProperty(OPT_OUT, "true");
    }
  }
}
