package dev.m3search.opensearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentParser;

class M3HybridQueryBuilderTest {
  private static final String QUERY = "{\"field\": \"emb\", \"query\": {\"dense\": [0.6, 0.8], \"sparse\": {\"t\": 0.5},"
      + " \"colbert\": [[1, 0]]}, \"mode\": \"hybrid\", \"fusion\": \"rrf\", \"weights\": [0.4, 0.1, 0.5], \"depth\": 50}";

  private static M3HybridQueryBuilder parse(String json) throws IOException {
    try (XContentParser parser =
        JsonXContent.jsonXContent.createParser(NamedXContentRegistry.EMPTY, DeprecationHandler.THROW_UNSUPPORTED_OPERATION, json)) {
      parser.nextToken();
      return M3HybridQueryBuilder.fromXContent(parser, null);
    }
  }

  @Test
  void survivesJsonAndTransport() throws IOException {
    M3HybridQueryBuilder query = parse(QUERY);
    String json = BytesReference.bytes(query.toXContent(JsonXContent.contentBuilder(), ToXContent.EMPTY_PARAMS)).utf8ToString();
    String body = json.substring(json.indexOf(':') + 1, json.length() - 1); // the body inside {"m3_hybrid": ...}
    assertEquals(query, parse(body), json);
    try (BytesStreamOutput out = new BytesStreamOutput()) {
      query.writeTo(out);
      assertEquals(query, new M3HybridQueryBuilder(out.bytes().streamInput()));
    }
  }

  @Test
  void badQueriesAreParsingErrorsThatSayWhy() {
    assertMessage(QUERY.replace("\"rrf\"", "\"best\""), "unknown fusion 'best'");
    assertMessage(QUERY.replace("\"hybrid\"", "\"fast\""), "unknown mode [fast]");
    assertMessage(QUERY.replace("[0.4, 0.1, 0.5]", "[0.4]"), "[weights] takes three numbers");
    assertMessage(QUERY.replace("[0.4, 0.1, 0.5]", "[0.4, \"a\", 0.5]"), "[weights] takes three numbers");
    assertMessage(QUERY.replace("\"depth\": 50", "\"depth\": 0"), "depth must be at least 1");
    assertMessage(QUERY.replace("\"field\": \"emb\", ", ""), "[field] is required");
    assertMessage(QUERY.replace("\"t\": 0.5", "\"t\": \"x\""), "[m3_hybrid.query.sparse.t] must be a number");
  }

  private static void assertMessage(String json, String expected) {
    ParsingException e = assertThrows(ParsingException.class, () -> parse(json));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
