package dev.m3search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * A lexical query with its term states bound once ({@link SparseQueries#withTermStates}) ranks
 * and scores as the query itself, over several segments (a term missing from some), and every
 * term query in it, boosted ones too, carries states built for the searcher's reader.
 */
class SparseTermStatesTest {
  private static final String FIELD = "sparse";

  @Test
  void boundQueryScoresAsTheQuery() throws IOException {
    Random random = new Random(20261202);
    try (Directory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
        for (int doc = 0; doc < 2000; doc++) {
          StringBuilder text = new StringBuilder();
          int words = 5 + random.nextInt(30);
          for (int w = 0; w < words; w++) {
            // "rare" only in the later segments, so its states are absent in the first
            String word = doc >= 1500 && random.nextInt(20) == 0 ? "rare" : "w" + (int) Math.pow(random.nextInt(40), 1.5);
            text.append(word).append(' ');
          }
          Document document = new Document();
          document.add(new TextField(FIELD, text.toString(), Field.Store.NO));
          writer.addDocument(document);
          if (doc % 500 == 499) {
            writer.commit();
          }
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertTrue(reader.leaves().size() >= 4);
        IndexSearcher searcher = new IndexSearcher(reader);
        Query query = SparseQueries.lexical(FIELD, Map.of("w1", 1, "w8", 2, "w27", 1, "rare", 3, "absent", 1));
        Query bound = SparseQueries.withTermStates(searcher, query);
        for (TermQuery term : termQueries(bound)) {
          assertNotNull(term.getTermStates(), term.toString());
          assertTrue(term.getTermStates().wasBuiltFor(searcher.getTopReaderContext()), term.toString());
        }
        assertEquals(5, termQueries(bound).size());
        TopDocs expected = searcher.search(query, 100);
        TopDocs actual = searcher.search(bound, 100);
        assertEquals(expected.scoreDocs.length, actual.scoreDocs.length);
        for (int i = 0; i < expected.scoreDocs.length; i++) {
          assertEquals(expected.scoreDocs[i].doc, actual.scoreDocs[i].doc, "rank " + i);
          assertEquals(expected.scoreDocs[i].score, actual.scoreDocs[i].score, 0f, "rank " + i);
        }
        Query none = new MatchNoDocsQuery("no query terms");
        assertSame(none, SparseQueries.withTermStates(searcher, none));
      }
    }
  }

  private static List<TermQuery> termQueries(Query query) {
    List<TermQuery> terms = new ArrayList<>();
    switch (query) {
      case TermQuery term -> terms.add(term);
      case BoostQuery boost -> terms.addAll(termQueries(boost.getQuery()));
      case BooleanQuery bool -> {
        for (BooleanClause clause : bool.clauses()) {
          terms.addAll(termQueries(clause.query()));
        }
      }
      default -> throw new AssertionError("unexpected " + query);
    }
    return terms;
  }
}
