package dev.m3search.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.model.EncoderOptions;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.engine.model.ModelSpec;
import dev.m3search.engine.onnx.TinyM3Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model is its content: moving its folder keeps its indexes openable; one changed byte of its
 * external weights, or another query prefix, makes it another model, refused with a clear error.
 */
class ModelIdentityIndexTest {
  @TempDir Path dir;

  private static void build(Path index, Path model) throws IOException {
    try (M3Encoder encoder = M3Encoder.open(ModelSpec.fromFolder(model), new EncoderOptions(4, 1));
        M3Index built = M3Index.open(index, encoder)) {
      built.add(List.of(new SourceDocument("d1", "", "alpha beta"), new SourceDocument("d2", "", "gamma")));
      built.commit(Map.of());
    }
  }

  private static int documents(Path index, Path model) throws IOException {
    try (M3Encoder encoder = M3Encoder.open(ModelSpec.fromFolder(model), new EncoderOptions(4, 1));
        M3Index opened = M3Index.openReadOnly(index, encoder)) {
      return opened.info().documents();
    }
  }

  @Test
  void aMovedModelFolderStillOpensItsIndex() throws Exception {
    Path model = TinyM3Model.writeTo(dir.resolve("first-home"), TinyM3Model.Options.DEFAULT.withName(null).withExternalData());
    Path index = dir.resolve("index");
    build(index, model);
    Path moved = Files.move(model, dir.resolve("second-home"));
    assertEquals(2, documents(index, moved));
    assertEquals("second-home", ModelSpec.fromFolder(moved).name(), "the folder's name is the model's label");
  }

  @Test
  void oneChangedByteOfTheExternalWeightsIsAnotherModel() throws Exception {
    Path model = TinyM3Model.writeTo(dir.resolve("model"), TinyM3Model.Options.DEFAULT.withExternalData());
    Path index = dir.resolve("index");
    build(index, model);
    Path data = model.resolve("model.onnx_data");
    byte[] bytes = Files.readAllBytes(data);
    bytes[0] ^= 1; // the lowest mantissa bit of the first embedding weight
    Files.write(data, bytes);

    ModelSpec changed = ModelSpec.fromFolder(model);
    try (M3Encoder encoder = M3Encoder.open(changed, new EncoderOptions(4, 1))) {
      ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> M3Index.open(index, encoder));
      assertTrue(e.getMessage().contains("weights or tokenizer"), e.getMessage());
      assertTrue(e.getMessage().contains("tiny-m3"), e.getMessage());
    }
  }

  @Test
  void anotherQueryPrefixIsAnotherModel() throws Exception {
    Path model = TinyM3Model.writeTo(dir.resolve("model"));
    Path index = dir.resolve("index");
    build(index, model);
    Path prefixed = TinyM3Model.writeTo(dir.resolve("prefixed"), TinyM3Model.Options.DEFAULT.withQueryPrefix("query: "));
    assertEquals(ModelSpec.fromFolder(model).weightsDigest(), ModelSpec.fromFolder(prefixed).weightsDigest());
    try (M3Encoder encoder = M3Encoder.open(ModelSpec.fromFolder(prefixed), new EncoderOptions(4, 1))) {
      ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> M3Index.openReadOnly(index, encoder));
      assertTrue(e.getMessage().contains("query prefix \"\" vs \"query: \""), e.getMessage());
    }
  }

  @Test
  void externalDataIsPartOfTheDigestAndTheDigestIsCached() throws Exception {
    Path inline = TinyM3Model.writeTo(dir.resolve("inline"));
    Path external = TinyM3Model.writeTo(dir.resolve("external"), TinyM3Model.Options.DEFAULT.withExternalData());
    assertTrue(Files.size(external.resolve("model.onnx")) < Files.size(inline.resolve("model.onnx")), "weights moved out");
    assertNotEquals(ModelSpec.fromFolder(inline).weightsDigest(), ModelSpec.fromFolder(external).weightsDigest());
    assertTrue(Files.exists(external.resolve(".m3search-digests.json")), "digests are cached beside the files");
    String cached = Files.readString(external.resolve(".m3search-digests.json"));
    assertTrue(cached.contains("model.onnx_data") && cached.contains("tokenizer.json"), cached);
  }
}
