package dev.m3search.engine.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Encodes texts into the three representations of a BGE-M3-style model with ONNX Runtime: texts
 * are tokenized and truncated to the model's maximum, sorted by length and run in padded batches.
 * Thread-safe.
 */
public final class M3Encoder implements AutoCloseable {
  private final ModelSpec spec;
  private final EncoderOptions options;
  private final OrtEnvironment env;
  private final OrtSession session;
  /** BGE-M3's published heads as their own graph (m3-heads layout), null for the other layouts. */
  private final OrtSession headsSession;
  private final TextTokenizer tokenizer;
  private final OutputDecoder decoder;
  private final ModelInputs modelInputs;
  private final ModelIdentity identity;
  /** Tokens of the model's document prefix, which {@link OutputDecoder#decode} leaves out of the token vectors. */
  private final int documentPrefixTokens;

  private M3Encoder(
      ModelSpec spec, EncoderOptions options, OrtSession session, OrtSession headsSession, TextTokenizer tokenizer)
      throws OrtException {
    this.spec = spec;
    this.options = options;
    this.env = OrtEnvironment.getEnvironment();
    this.session = session;
    this.headsSession = headsSession;
    this.tokenizer = tokenizer;
    this.modelInputs = ModelInputs.of(session);
    this.decoder =
        OutputDecoder.open(spec, session, headsSession, new ShapeProbe(session, modelInputs, tokenizer, spec.maxTokens()));
    this.documentPrefixTokens = prefixTokens(tokenizer, spec.documentPrefix());
    this.identity =
        new ModelIdentity(
            spec.name(), spec.weightsDigest(), spec.settings(), decoder.denseDimension(), decoder.tokenDimension(),
            spec.languages());
  }

  /**
   * Opens a model; the ONNX session is created once and shared by all calls. The m3-heads
   * layout's heads get a session of their own with the same options, so they run where the
   * encoder runs.
   */
  public static M3Encoder open(ModelSpec spec, EncoderOptions options) throws IOException {
    OrtSession session = null;
    OrtSession headsSession = null;
    TextTokenizer tokenizer = null;
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession.SessionOptions sessionOptions = ExecutionProviders.options(options, spec.cpuOnly())) {
        session =
            spec.onnxBytes() != null
                ? env.createSession(spec.onnxBytes(), sessionOptions)
                : env.createSession(spec.onnxPath().toString(), sessionOptions);
        if (spec.heads() != null) {
          headsSession = env.createSession(HeadsGraph.of(spec.heads()), sessionOptions);
        }
      }
      if (spec.settings().appendEos() && spec.specialTokens().eos() < 0) {
        throw new IllegalStateException("\"appendEos\" needs an EOS token, and the tokenizer names none (</s>, [SEP]); give \"specialTokens\"");
      }
      tokenizer = new TextTokenizer(
          spec.tokenizerJson(), spec.maxTokens(), spec.specialTokens().pad(),
          spec.settings().appendEos() ? spec.specialTokens().eos() : -1, spec.settings().leftPadding());
      return new M3Encoder(spec, options, session, headsSession, tokenizer);
    } catch (OrtException e) {
      ModelResources.closeOpened(e, tokenizer, headsSession, session);
      throw new IOException("cannot load model " + spec.name() + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      ModelResources.closeOpened(e, tokenizer, headsSession, session);
      throw new IOException("cannot use model " + spec.name() + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      ModelResources.closeOpened(e, tokenizer, headsSession, session);
      throw e;
    }
  }

  /** The default model, bge-small-en-v1.5, with default options. */
  public static M3Encoder openDefault() throws IOException {
    return open(ModelSpec.defaultModel(), EncoderOptions.defaults());
  }

  public ModelSpec spec() {
    return spec;
  }

  public ModelIdentity identity() {
    return identity;
  }

  public EncoderOptions options() {
    return options;
  }

  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  /**
   * Tokens {@code prefix} adds before a text: measured on a word with and without it, since a
   * prefix alone may tokenize otherwise (SentencePiece makes its trailing space a token of its
   * own, which joins the next word in context); 0 for none.
   */
  private static int prefixTokens(TextTokenizer tokenizer, String prefix) {
    if (prefix.isEmpty()) {
      return 0;
    }
    long[][] ids = tokenizer.tokenize(List.of(prefix + ShapeProbe.TEXT, ShapeProbe.TEXT)).ids();
    return ids[0].length - ids[1].length;
  }

  /** The padded batches {@link #encodeDocuments} runs for {@code texts}, for benchmarks. */
  public List<TokenBatch> batches(List<String> texts) {
    return batchesOf(tokenizer.tokenize(withDocumentPrefix(texts)).ids());
  }

  /** Token ids sorted by length into batches of the options' sizes, or of the graph's fixed batch. */
  private List<TokenBatch> batchesOf(long[][] ids) {
    return tokenizer.batchByLength(ids, modelInputs.rows(options.batchSize()), options.batchTokens());
  }

  private List<String> withDocumentPrefix(List<String> texts) {
    String prefix = spec.documentPrefix();
    return prefix.isEmpty() ? texts : texts.stream().map(t -> prefix + t).toList();
  }

  /**
   * Encodes documents, with the model's document prefix if it has one (E5's {@code "passage: "}):
   * the dense vector covers the prefix, the token vectors and weights leave it out.
   */
  public List<TextEncoding> encodeDocuments(List<String> texts) throws IOException {
    return encode(withDocumentPrefix(texts), documentPrefixTokens);
  }

  /** Encodes {@code texts} as they are, leaving their first {@code prefixTokens} tokens out of all but the dense vector. */
  private List<TextEncoding> encode(List<String> texts, int prefixTokens) throws IOException {
    TextTokenizer.Tokenized tokenized = tokenizer.tokenize(texts);
    TextEncoding[] out = new TextEncoding[texts.size()];
    for (TokenBatch batch : batchesOf(tokenized.ids())) {
      TextEncoding[] decoded = run(batch, tokenized.truncated(), prefixTokens);
      for (int r = 0; r < decoded.length; r++) {
        out[batch.positions()[r]] = decoded[r];
      }
    }
    return Arrays.asList(out);
  }

  /**
   * Encodes a query: the dense vector from the text with the model's query prefix and suffix (an
   * instruction template's two sides), sparse weights and token vectors from the text without them.
   * With neither a query frame nor a document prefix this equals the document encoding.
   */
  public TextEncoding encodeQuery(String text) throws IOException {
    String framed = spec.settings().framedQuery(text);
    if (framed.equals(text)) {
      return encode(List.of(text), 0).get(0);
    }
    List<TextEncoding> both = encode(List.of(framed, text), 0);
    TextEncoding prefixed = both.get(0);
    TextEncoding plain = both.get(1);
    return new TextEncoding(
        prefixed.dense(), plain.sparseWeights(), plain.tokenVectors(), prefixed.truncated() || plain.truncated());
  }

  /** Runs one batch through the session and decodes it. */
  private TextEncoding[] run(TokenBatch batch, boolean[] truncated, int prefixTokens) throws IOException {
    Map<String, OnnxTensor> inputs = null;
    try {
      TokenBatch fed = modelInputs.fed(batch);
      inputs = fed.toTensors(env, modelInputs);
      try (OrtSession.Result result = session.run(inputs)) {
        return Arrays.copyOf(decoder.decode(result, fed, truncated, prefixTokens), batch.size());
      }
    } catch (OrtException e) {
      throw new IOException("ONNX inference failed for model " + spec.name() + ": " + e.getMessage(), e);
    } finally {
      if (inputs != null) {
        inputs.values().forEach(OnnxTensor::close);
      }
    }
  }

  /**
   * Runs the batch through the session and discards the outputs: the bare ONNX Runtime cost, for
   * benchmarks that compare it with {@link #encodeDocuments}.
   */
  public void runBare(TokenBatch batch) throws OrtException {
    Map<String, OnnxTensor> inputs = modelInputs.fed(batch).toTensors(env, modelInputs);
    try (OrtSession.Result ignored = session.run(inputs)) {
      // outputs are discarded on purpose
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() throws IOException {
    ModelResources.closeAll(tokenizer, headsSession, session);
  }
}
