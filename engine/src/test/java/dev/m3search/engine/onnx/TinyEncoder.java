package dev.m3search.engine.onnx;

import dev.m3search.engine.model.EncoderOptions;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.util.IOUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link TinyM3Model} opened once for a test class: {@code @RegisterExtension static final
 * TinyEncoder TINY = new TinyEncoder();}, then {@code TINY.encoder()}.
 */
public final class TinyEncoder implements BeforeAllCallback, AfterAllCallback {
  private Path folder;
  private M3Encoder encoder;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    folder = Files.createTempDirectory("tiny-m3");
    encoder = M3Encoder.open(ModelSpec.fromFolder(TinyM3Model.writeTo(folder)), new EncoderOptions(64, 1));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      encoder.close();
    } finally {
      IOUtils.rm(folder);
    }
  }

  public M3Encoder encoder() {
    return encoder;
  }
}
