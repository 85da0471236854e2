package dev.m3search.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.engine.onnx.TinyM3Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pooling}, {@code documentPrefix}, {@code tokenizer} and {@code device} in a model folder's {@code m3search.json}. */
class ModelFolderSettingsTest {
  @TempDir Path dir;

  @Test
  void aDocumentPrefixIsLeftOutOfTheTokenVectorsAndWeights() throws Exception {
    Path model = TinyM3Model.writeTo(dir);
    ModelSpec plainSpec = ModelSpec.fromFolder(model);
    TextEncoding plain;
    try (M3Encoder encoder = M3Encoder.open(plainSpec, new EncoderOptions(4, 1))) {
      plain = encoder.encodeDocuments(List.of("alpha beta")).get(0);
    }
    Files.writeString(
        model.resolve("m3search.json"),
        "{\"layout\": \"m3\", \"maxTokens\": " + TinyM3Model.MAX_TOKENS + ", \"documentPrefix\": \"gamma \"}");
    ModelSpec spec = ModelSpec.fromFolder(model);
    assertEquals("gamma ", spec.documentPrefix());
    try (M3Encoder encoder = M3Encoder.open(spec, new EncoderOptions(4, 1))) {
      TextEncoding prefixed = encoder.encodeDocuments(List.of("alpha beta")).get(0);
      // <s> gamma alpha beta </s>: the rows of alpha and beta, the weights of their ids only
      assertEquals(plain.tokenVectors().length, prefixed.tokenVectors().length);
      assertEquals(plain.sparseWeights().keySet(), prefixed.sparseWeights().keySet());
      assertFalse(prefixed.sparseWeights().containsKey(TinyM3Model.VOCAB.indexOf("gamma")));
      TextEncoding asText = encoder.encodeQuery("gamma alpha beta");
      assertArrayEquals(asText.dense(), prefixed.dense(), 1e-6f, "the dense vector covers the prefix");
      assertEquals(List.of("document prefix \"gamma \" vs \"\""), spec.settings().differencesFrom(plainSpec.settings()));
    }
  }

  @Test
  void aTokenizerOutsideTheFoldersRootIsNamedInTheConfig() throws Exception {
    Path model = TinyM3Model.writeTo(dir);
    ModelSpec atRoot = ModelSpec.fromFolder(model);
    Files.createDirectories(model.resolve("tokenizer"));
    Files.move(model.resolve("tokenizer.json"), model.resolve("tokenizer/tokenizer.json"));
    IOException missing = assertThrows(IOException.class, () -> ModelSpec.fromFolder(model));
    assertTrue(missing.getMessage().contains("has no tokenizer.json (or name it in m3search.json as \"tokenizer\")"), missing.getMessage());
    Files.writeString(
        model.resolve("m3search.json"),
        "{\"layout\": \"m3\", \"maxTokens\": " + TinyM3Model.MAX_TOKENS + ", \"tokenizer\": \"tokenizer/tokenizer.json\"}");
    ModelSpec named = ModelSpec.fromFolder(model);
    assertArrayEquals(atRoot.tokenizerJson(), named.tokenizerJson());
    try (M3Encoder encoder = M3Encoder.open(named, new EncoderOptions(4, 1))) {
      // <s> alpha beta gamma </s>: the m3 layout keeps every row after CLS, EOS included
      assertEquals(4, encoder.encodeDocuments(List.of("alpha beta gamma")).get(0).tokenVectors().length);
    }
    Files.writeString(model.resolve("m3search.json"), "{\"layout\": \"m3\", \"tokenizer\": \"nowhere.json\"}");
    IOException wrong = assertThrows(IOException.class, () -> ModelSpec.fromFolder(model));
    assertTrue(wrong.getMessage().contains("m3search.json: tokenizer file"), wrong.getMessage());
  }

  @Test
  void deviceCpuKeepsTheModelOnTheCpu() throws Exception {
    Path model = TinyM3Model.writeTo(dir);
    assertFalse(ModelSpec.fromFolder(model).cpuOnly(), "a GPU where one is found, by default");
    Files.writeString(model.resolve("m3search.json"), "{\"layout\": \"m3\", \"maxTokens\": 12, \"device\": \"cpu\"}");
    ModelSpec spec = ModelSpec.fromFolder(model);
    assertTrue(spec.cpuOnly());
    try (M3Encoder encoder = M3Encoder.open(spec, new EncoderOptions(4, 1))) {
      assertEquals(2, encoder.encodeDocuments(List.of("alpha")).get(0).tokenVectors().length);
    }
    Files.writeString(model.resolve("m3search.json"), "{\"layout\": \"m3\", \"device\": \"gpu0\"}");
    IOException e = assertThrows(IOException.class, () -> ModelSpec.fromFolder(model));
    assertTrue(e.getMessage().contains("unknown \"device\" 'gpu0': use auto or cpu"), e.getMessage());
  }

  @Test
  void poolingOtherThanClsOnAnM3ModelIsANamedError() throws Exception {
    Path model = TinyM3Model.writeTo(dir);
    Files.writeString(model.resolve("m3search.json"), "{\"layout\": \"m3\", \"pooling\": \"mean\"}");
    IOException e = assertThrows(IOException.class, () -> ModelSpec.fromFolder(model));
    assertTrue(e.getMessage().contains("m3search.json"), e.getMessage());
    assertTrue(e.getMessage().contains("pooling mean needs the hidden-state layout"), e.getMessage());
  }

  @Test
  void anUnknownPoolingIsANamedError() throws Exception {
    Path model = TinyM3Model.writeTo(dir);
    Files.writeString(model.resolve("m3search.json"), "{\"layout\": \"hidden-state\", \"pooling\": \"max\"}");
    IOException e = assertThrows(IOException.class, () -> ModelSpec.fromFolder(model));
    assertTrue(e.getMessage().contains("unknown pooling 'max': use cls, mean or last-token"), e.getMessage());
  }

  @Test
  void aHiddenStateModelGivesTokenVectorsOnlyWhenAsked() throws Exception {
    Path model = TinyM3Model.writeTo(dir);
    Files.writeString(model.resolve("m3search.json"), "{\"layout\": \"hidden-state\"}");
    assertFalse(ModelSpec.fromFolder(model).settings().hasTokenVectors());
    Files.writeString(model.resolve("m3search.json"), "{\"layout\": \"hidden-state\", \"tokenVectors\": true}");
    assertTrue(ModelSpec.fromFolder(model).settings().hasTokenVectors());
    Files.writeString(model.resolve("m3search.json"), "{\"layout\": \"m3\"}");
    assertTrue(ModelSpec.fromFolder(model).settings().hasTokenVectors(), "an m3 model's token vectors are its ColBERT output");
    List<String> differences = ModelSpec.fromFolder(model).settings().withTokenVectors(true)
        .differencesFrom(ModelSpec.fromFolder(model).settings());
    assertTrue(differences.isEmpty(), differences.toString());
  }

  @Test
  void badQueryFramesPaddingAndTokenVectorsAreNamedErrors() throws Exception {
    Path model = TinyM3Model.writeTo(dir);
    assertConfigError(model, "{\"layout\": \"hidden-state\", \"queryPrefix\": \"q: \", \"queryTemplate\": \"{query}\"}",
        "give \"queryPrefix\" or \"queryTemplate\", not both");
    assertConfigError(model, "{\"layout\": \"hidden-state\", \"queryTemplate\": \"Instruct: {task}\\nQuery: {query}\"}",
        "\"queryTemplate\" has {task}; give the task as \"task\"");
    assertConfigError(model, "{\"layout\": \"hidden-state\", \"queryTemplate\": \"Query: \"}",
        "\"queryTemplate\" must hold {query} once");
    assertConfigError(model, "{\"layout\": \"hidden-state\", \"task\": \"retrieve\"}", "there is none");
    assertConfigError(model, "{\"layout\": \"hidden-state\", \"padding\": \"middle\"}", "unknown \"padding\" 'middle': use right or left");
    assertConfigError(model, "{\"layout\": \"m3\", \"padding\": \"left\"}", "left padding is for decoder graphs");
    assertConfigError(model, "{\"layout\": \"m3\", \"tokenVectors\": false}", "\"tokenVectors\": false applies to the hidden-state layout");
  }

  private static void assertConfigError(Path model, String config, String expected) throws IOException {
    Files.writeString(model.resolve("m3search.json"), config);
    IOException e = assertThrows(IOException.class, () -> ModelSpec.fromFolder(model), config);
    assertTrue(e.getMessage().contains("m3search.json") && e.getMessage().contains(expected), e.getMessage());
  }
}
