package dev.m3search.cli;

import dev.m3search.engine.index.M3Index;
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
      paramLabel = "DIR",
      description = "Model folder (tokenizer.json, ONNX file, m3search.json). Default: the bundled bge-small-en-v1.5.")
  Path model;

  @Option(names = "--batch", paramLabel = "N", description = "Texts per ONNX run (default: ${DEFAULT-VALUE}).")
  int batch = EncoderOptions.DEFAULT_BATCH_SIZE;

  @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime threads (default: all cores).")
  Integer threads;

  EncoderOptions encoderOptions() {
    return new EncoderOptions(batch, threads != null ? threads : Runtime.getRuntime().availableProcessors());
  }

  ModelSpec spec() throws IOException {
    return model == null ? ModelSpec.defaultModel() : ModelSpec.fromFolder(model);
  }

  M3Encoder open() throws IOException {
    return M3Encoder.open(spec(), encoderOptions());
  }

  /**
   * The encoder for an existing index: the model given, or the bundled one when the index was
   * built with it. An index built with another model needs {@code --model}.
   */
  M3Encoder openFor(Path index) throws IOException {
    ModelIdentity stored = M3Index.storedIdentity(index);
    if (stored == null) {
      throw new IOException("no m3search index at " + index);
    }
    if (model == null && !stored.name().equals(ModelSpec.DEFAULT_MODEL_NAME)) {
      throw new IOException(
          "index " + index + " was built with model " + stored.name() + "; pass its folder with --model DIR");
    }
    return open();
  }
}
