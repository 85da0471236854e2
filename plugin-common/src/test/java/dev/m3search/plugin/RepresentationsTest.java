package dev.m3search.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepresentationsTest {

  private static Representations parse(String json) throws IOException {
    JacksonSource parser = new JacksonSource(json);
    Representations value = Representations.parse(parser, "emb", Representations.OtherKey.reject("emb"));
    assertEquals(JsonSource.Kind.END_OBJECT, parser.current(), "left on the object's end");
    return value;
  }

  @Test
  void readsTheThreeRepresentations() throws IOException {
    Representations value = parse("{\"dense\": [0.6, 0.8], \"sparse\": {\"17\": 0.25, \"x\": 0}, \"colbert\": [[1, 0], [0, 1]]}");
    value.validate("emb", 2, 2);
    assertArrayEquals(new float[] {0.6f, 0.8f}, value.dense());
    assertEquals(Map.of("17", 0.25f, "x", 0f), value.sparse());
    assertArrayEquals(new float[] {0, 1}, value.colbert()[1]);
  }

  @Test
  void errorsNameTheLeg() {
    assertMessage("{\"dense\": [0.6], \"sparse\": {}, \"colbert\": [[1, 0]]}", "[emb.dense] has 1 dimensions, the mapping says 2");
    assertMessage("{\"dense\": [0.6, 0.8], \"sparse\": {\"t\": \"heavy\"}, \"colbert\": [[1, 0]]}", "[emb.sparse.t] must be a number");
    assertMessage("{\"dense\": [0.6, 0.8], \"sparse\": {\"t\": -1}, \"colbert\": [[1, 0]]}", "[emb.sparse.t] is negative");
    assertMessage("{\"dense\": [0.6, 0.8], \"sparse\": {}}", "[emb] is missing its colbert representation");
    assertMessage("{\"dense\": [0.6, 0.8], \"sparse\": {}, \"colbert\": [[1, 0], [1]]}", "[emb.colbert[1]] has 1 dimensions");
    assertMessage("{\"dense\": [0.6, \"a\"], \"sparse\": {}, \"colbert\": [[1, 0]]}", "[emb.dense[1]] must be a number");
    assertMessage("{\"dense\": [0.6, 0.8], \"sparse\": {}, \"colbert\": []}", "[emb.colbert] has no token vectors");
    assertMessage("{\"dense\": [0.6, 0.8], \"sparse\": {}, \"colbert\": [[1, 0]], \"extra\": 1}", "unknown key [extra]");
    assertMessage("{\"dense\": 3, \"sparse\": {}, \"colbert\": [[1, 0]]}", "[emb.dense] must be an array of numbers");
  }

  @Test
  void aFieldWithoutTokenVectorsTakesDenseAndSparseOnly() throws IOException {
    Representations value = parse("{\"dense\": [0.6, 0.8], \"sparse\": {\"17\": 0.25}}");
    value.validate("emb", 2, 2, false);
    assertEquals(0, value.tokenVectors().length);
    IllegalArgumentException given = assertThrows(IllegalArgumentException.class,
        () -> parse("{\"dense\": [0.6, 0.8], \"sparse\": {}, \"colbert\": [[1, 0]]}").validate("emb", 2, 2, false));
    assertTrue(given.getMessage().contains("[emb.colbert] is given, and the mapping keeps no token vectors"), given.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> parse("{\"dense\": [0.6, 0.8]}").validate("emb", 2, 2, false));
    assertTrue(missing.getMessage().contains("[emb] is missing its sparse representation"), missing.getMessage());
  }

  private static void assertMessage(String json, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json).validate("emb", 2, 2));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
