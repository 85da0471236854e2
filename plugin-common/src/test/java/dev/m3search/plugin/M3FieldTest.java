package dev.m3search.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.index.IndexableField;
import org.junit.jupiter.api.Test;

/** A document read into an {@code m3} field's legs, as both plugins' mappers read it. */
class M3FieldTest {
  private static Set<String> names(List<IndexableField> fields) {
    return fields.stream().map(IndexableField::name).collect(Collectors.toSet());
  }

  @Test
  void aDocumentBecomesTheLegsFields() throws IOException {
    M3Field field = new M3Field("doc.emb", 2, 2, true);
    List<IndexableField> fields =
        field.read(new JacksonSource("{\"dense\": [0.6, 0.8], \"sparse\": {\"t\": 0.5}, \"colbert\": [[1, 0]]}"));
    assertEquals(Set.of("doc.emb.dense", "doc.emb.sparse", "doc.emb.colbert"), names(fields));
  }

  @Test
  void aFieldWithoutTokenVectorsHasTwoLegs() throws IOException {
    M3Field field = new M3Field("emb", 2, 2, false);
    assertEquals(Set.of("emb.dense", "emb.sparse"), names(field.read(new JacksonSource("{\"dense\": [0.6, 0.8], \"sparse\": {\"t\": 0.5}}"))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> field.read(new JacksonSource("{\"dense\": [0.6, 0.8], \"sparse\": {}, \"colbert\": [[1, 0]]}")));
    assertTrue(e.getMessage().contains("[emb.colbert] is given"), e.getMessage());
  }

  @Test
  void aMappingNeedsDimsAndTokenDimsDefaultsToThem() {
    assertEquals(new M3Field("doc.emb", 384, 384, true), M3Field.ofMapping("doc.emb", 384, 0, true));
    assertEquals(new M3Field("doc.emb", 384, 128, false), M3Field.ofMapping("doc.emb", 384, 128, false));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> M3Field.ofMapping("doc.emb", 0, 128, true));
    assertEquals("[doc.emb] of type [m3] needs [dims], the dense vector's dimensions", e.getMessage());
    M3Field.checkDimensionParameter("dims", 0);
    e = assertThrows(IllegalArgumentException.class, () -> M3Field.checkDimensionParameter("token_dims", -1));
    assertEquals("[token_dims] must not be negative, got -1", e.getMessage());
  }
}
