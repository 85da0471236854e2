package dev.m3search.plugin;

import dev.m3search.engine.index.LexicalAnalysis;
import dev.m3search.engine.model.EncoderOptions;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.ModelSpec;
import dev.m3search.engine.model.TextEncoding;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;

/**
 * The model a node encodes text with, for the {@code m3_encode} ingest processor and the {@code
 * text} of an {@code m3_hybrid} query, in either plugin: the built-in bge-small-en-v1.5, or the
 * model named by the node setting {@link #SETTING} (a built-in name or a model folder, as the
 * command line's {@code --model}). Opened on first use, once per node.
 *
 * <p>A model with a sparse head (BGE-M3) gives learned weights keyed by token id. A model without
 * one gives the text's analysed words (the embedded engine's lexical analysis), each weighted
 * {@code 1 + ln(count)}: the cluster keeps the sparse leg as weights, where the embedded engine
 * scores those words with BM25.
 */
public final class NodeEncoder implements Closeable {
  /** The node setting that names the model; each plugin declares it in its engine's terms. */
  public static final String SETTING = "m3search.model";
  /** The model when the setting is not given. */
  public static final String DEFAULT_MODEL = ModelSpec.DEFAULT_MODEL_NAME;

  private final String model;
  private final Analyzer analyzer = LexicalAnalysis.analyzer();
  private M3Encoder encoder;

  /** @param model a built-in model name or a model folder */
  public NodeEncoder(String model) {
    this.model = model;
  }

  /** A document's representations. */
  public Representations encodeDocument(String text) throws IOException {
    TextEncoding encoding;
    synchronized (this) {
      encoding = encoder().encodeDocuments(List.of(text)).get(0);
    }
    return representations(text, encoding);
  }

  /** A query's representations (with the model's query prefix on the dense side). */
  public Representations encodeQuery(String text) throws IOException {
    TextEncoding encoding;
    synchronized (this) {
      encoding = encoder().encodeQuery(text);
    }
    return representations(text, encoding);
  }

  /**
   * Opens the model on first use. DJL's tokenizer finds its resources through the thread's context
   * class loader, which on a node is OpenSearch's, not the plugin's; and it unpacks its native
   * library into a cache folder, by default under the home folder, which the node may not write.
   * Its errors are turned into exceptions: an {@link Error} would stop the node.
   */
  private M3Encoder encoder() throws IOException {
    if (encoder == null) {
      if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
        System.setProperty("DJL_CACHE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "m3search-djl").toString());
      }
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(NodeEncoder.class.getClassLoader());
      try {
        encoder = M3Encoder.open(ModelSpec.resolve(model), EncoderOptions.defaults());
      } catch (LinkageError | AssertionError e) {
        throw new IOException("cannot open the model " + model + ": " + e, e);
      } finally {
        thread.setContextClassLoader(previous);
      }
    }
    return encoder;
  }

  private Representations representations(String text, TextEncoding encoding) {
    Map<String, Float> sparse = new LinkedHashMap<>();
    if (encoding.sparseWeights() != null) {
      encoding.sparseWeights().forEach((token, weight) -> sparse.put(Integer.toString(token), weight));
    } else {
      LexicalAnalysis.termCounts(analyzer, "text", text).forEach((term, count) -> sparse.put(term, 1 + (float) Math.log(count)));
    }
    return new Representations(encoding.dense(), sparse, encoding.tokenVectors());
  }

  @Override
  public synchronized void close() throws IOException {
    analyzer.close();
    if (encoder != null) {
      encoder.close();
    }
  }
}
