package dev.m3search.cli;

import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.model.BuiltInModel;
import dev.m3search.engine.model.EncoderOptions;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.ModelIdentity;
import dev.m3search.engine.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options that choose and run the model. */
final class ModelOptions {
  @Option(
      names = "--model",
      paramLabel = "DIR|NAME",
      description = "Model folder (tokenizer.json, ONNX file, m3search.json) or built-in model name: bge-small-en-v1.5 (default), bge-small-en-v1.5-q, e5-small-v2.")
  String model;

  @Option(names = "--batch", paramLabel = "N", description = "Most texts per ONNX run (default: ${DEFAULT-VALUE}).")
  int batch = EncoderOptions.DEFAULT_BATCH_SIZE;

  @Option(names = "--batch-tokens", paramLabel = "N", description = "Most padded tokens per ONNX run, which bounds its memory (default: ${DEFAULT-VALUE}).")
  int batchTokens = EncoderOptions.DEFAULT_BATCH_TOKENS;

  @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime threads (default: all cores).")
  Integer threads;

  EncoderOptions encoderOptions() {
    return new EncoderOptions(batch, batchTokens, threads != null ? threads : Runtime.getRuntime().availableProcessors());
  }

  ModelSpec spec() throws IOException {
    return model == null ? ModelSpec.defaultModel() : ModelSpec.resolve(model);
  }

  M3Encoder open() throws IOException {
    return M3Encoder.open(spec(), encoderOptions());
  }

  /**
   * The encoder for an existing index: the model given, or else the built-in model the index was
   * built with. An index built with a model folder needs {@code --model}.
   */
  M3Encoder openFor(Path index) throws IOException {
    ModelIdentity stored = M3Index.storedIdentity(index);
    if (stored == null) {
      throw new IOException("no m3search index at " + index);
    }
    return openFor(index, stored);
  }

  /**
   * The encoder to write into {@code index}: for an existing index as {@link #openFor(Path)}, so an
   * index grows with its own model unless {@code --model} names another; for a new one, the model
   * given or the default.
   */
  M3Encoder openForWriting(Path index) throws IOException {
    ModelIdentity stored = M3Index.storedIdentity(index);
    return stored == null ? open() : openFor(index, stored);
  }

  private M3Encoder openFor(Path index, ModelIdentity stored) throws IOException {
    if (model == null) {
      if (BuiltInModel.named(stored.name()).isEmpty()) {
        throw new IOException(
            "index " + index + " was built with model " + stored.name() + "; pass its folder with --model DIR");
      }
      return M3Encoder.open(ModelSpec.resolve(stored.name()), encoderOptions());
    }
    return open();
  }
}
