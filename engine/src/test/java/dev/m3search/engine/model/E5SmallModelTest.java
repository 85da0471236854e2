package dev.m3search.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayInputStream;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in e5-small-v2, run for real from its Maven artifact, against a reference computed here
 * from the model card's recipe with ONNX Runtime and the tokenizer alone: the text with its prefix,
 * {@code last_hidden_state} averaged over the attention mask, L2-normalised.
 */
class E5SmallModelTest {
  private static final List<String> PASSAGES = List.of(
      "The Moon's gravity raises the sea twice a day.",
      "Dough rises because yeast makes gas, which the gluten holds in small bubbles.",
      "Tides");
  private static M3Encoder encoder;
  private static ModelSpec spec;

  @BeforeAll
  static void open() throws Exception {
    spec = ModelSpec.resolve("e5-small-v2");
    encoder = M3Encoder.open(spec, new EncoderOptions(8, 2));
  }

  @AfterAll
  static void close() throws Exception {
    encoder.close();
  }

  @Test
  void identityIsE5WithMeanPoolingAndBothPrefixes() {
    ModelIdentity id = encoder.identity();
    assertEquals("e5-small-v2", id.name());
    assertEquals(ModelLayout.HIDDEN_STATE, id.layout());
    assertEquals(384, id.denseDimension());
    assertEquals(Pooling.MEAN, id.settings().pooling());
    assertEquals("query: ", id.settings().queryPrefix());
    assertEquals("passage: ", id.settings().documentPrefix());
    List<String> fromBge = id.settings().differencesFrom(ModelSpec.defaultModel().settings());
    assertTrue(fromBge.contains("pooling mean vs cls"), fromBge.toString());
    assertTrue(fromBge.contains("document prefix \"passage: \" vs \"\""), fromBge.toString());
  }

  @Test
  void documentsAndQueriesMatchTheModelCardsRecipe() throws Exception {
    List<TextEncoding> documents = encoder.encodeDocuments(PASSAGES);
    for (int i = 0; i < PASSAGES.size(); i++) {
      assertArrayEquals(reference("passage: " + PASSAGES.get(i)), documents.get(i).dense(), 1e-5f, PASSAGES.get(i));
    }
    String query = "why are there tides";
    assertArrayEquals(reference("query: " + query), encoder.encodeQuery(query).dense(), 1e-5f);
  }

  @Test
  void givesNoTokenVectorsUnlessAsked() throws Exception {
    assertEquals(0, encoder.identity().tokenDimension());
    assertEquals(0, encoder.encodeDocuments(List.of("Tides")).get(0).tokenVectors().length);
    assertEquals(0, encoder.encodeQuery("tides").tokenVectors().length);
  }

  @Test
  void thePassagePrefixIsLeftOutOfTheTokenVectors() throws Exception {
    try (M3Encoder withTokens = M3Encoder.open(spec.withSettings(spec.settings().withTokenVectors(true)), new EncoderOptions(8, 2))) {
      assertEquals(384, withTokens.identity().tokenDimension());
      // [CLS] passage : tides [SEP]: one token vector, the state of "tides" in the prefixed run
      TextEncoding tides = withTokens.encodeDocuments(List.of("Tides")).get(0);
      assertEquals(1, tides.tokenVectors().length);
      float[] state = hiddenStates("passage: Tides")[3];
      VectorUtil.l2normalize(state);
      assertArrayEquals(state, tides.tokenVectors()[0], 1e-5f);
    }
  }

  @Test
  void aRelevantPassageOutscoresTheOthers() throws Exception {
    List<TextEncoding> documents = encoder.encodeDocuments(PASSAGES.subList(0, 2));
    float[] query = encoder.encodeQuery("what makes bread rise").dense();
    assertTrue(VectorUtil.dotProduct(query, documents.get(1).dense()) > VectorUtil.dotProduct(query, documents.get(0).dense()));
  }

  /** The card's {@code average_pool}, then {@code F.normalize}. */
  private static float[] reference(String text) throws Exception {
    float[][] states = hiddenStates(text);
    float[] mean = new float[states[0].length];
    for (float[] state : states) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] += state[i] / states.length;
      }
    }
    VectorUtil.l2normalize(mean);
    return mean;
  }

  /** {@code last_hidden_state} of one unpadded text, a row per token. */
  private static float[][] hiddenStates(String text) throws Exception {
    try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(spec.tokenizerJson()), Map.of())) {
      Encoding encoding = tokenizer.encode(text);
      long[] ids = encoding.getIds();
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession session = env.createSession(spec.onnxBytes(), new OrtSession.SessionOptions())) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        inputs.put("input_ids", OnnxTensor.createTensor(env, new long[][] {ids}));
        inputs.put("attention_mask", OnnxTensor.createTensor(env, new long[][] {encoding.getAttentionMask()}));
        if (session.getInputNames().contains("token_type_ids")) {
          inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[][] {encoding.getTypeIds()}));
        }
        try (OrtSession.Result result = session.run(inputs)) {
          FloatBuffer flat = ((OnnxTensor) result.get("last_hidden_state").orElseThrow()).getFloatBuffer();
          int dimension = flat.remaining() / ids.length;
          float[][] states = new float[ids.length][dimension];
          for (float[] state : states) {
            flat.get(state);
          }
          return states;
        } finally {
          inputs.values().forEach(OnnxTensor::close);
        }
      }
    }
  }
}
