package dev.m3search.engine.index;

import dev.m3search.codecs.M3Fields;
import dev.m3search.query.FusedDocsQuery;
import dev.m3search.query.HybridQuery;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.LegScorer;
import dev.m3search.query.LegScores;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.index.StoredFields;

/** Searches of one point-in-time {@link IndexSearcher}: hits, explanations and scored candidates. */
final class IndexSearch {
  private final IndexSearcher searcher;
  private final int denseOversample;

  IndexSearch(IndexSearcher searcher, int denseOversample) {
    this.searcher = searcher;
    this.denseOversample = denseOversample;
  }

  List<SearchHit> search(EncodedQuery query, SearchOptions options) throws IOException {
    Query rewritten = searcher.rewrite(HybridQuery.of(query, options, denseOversample, false));
    ScoreDoc[] page;
    LegScores[] legs;
    if (rewritten instanceof FusedDocsQuery fused) {
      page = fused.page(options.from(), options.k()).scoreDocs;
      legs = Arrays.stream(page).map(h -> fused.legScores(h.doc)).toArray(LegScores[]::new);
    } else {
      ScoreDoc[] top = searcher.search(rewritten, options.from() + options.k()).scoreDocs;
      page = Arrays.copyOfRange(top, Math.min(options.from(), top.length), top.length);
      if (options.mode() == SearchMode.DENSE) {
        // Lucene's DOT_PRODUCT similarity is (1 + dot) / 2; hits report the dot product, as the legs do
        Arrays.stream(page).forEach(h -> h.score = 2 * h.score - 1);
      }
      legs = options.legScores() ? legScores(page, query) : new LegScores[page.length];
    }
    StoredFields stored = searcher.storedFields();
    List<SearchHit> hits = new ArrayList<>(page.length);
    for (int i = 0; i < page.length; i++) {
      hits.add(toHit(options.from() + i + 1, page[i].score, legs[i], stored.document(page[i].doc)));
    }
    return hits;
  }

  /** Every leg's score of the page's hits, in page order. */
  private LegScores[] legScores(ScoreDoc[] page, EncodedQuery query) throws IOException {
    int[] docs = Arrays.stream(page).mapToInt(h -> h.doc).sorted().toArray();
    LegScores[] sorted = LegScorer.score(searcher, docs, query);
    LegScores[] legs = new LegScores[page.length];
    for (int i = 0; i < page.length; i++) {
      legs[i] = sorted[Arrays.binarySearch(docs, page[i].doc)];
    }
    return legs;
  }

  /** Why the document with this id scores as it does, or null when the index has no such document. */
  Explanation explain(EncodedQuery query, SearchOptions options, String id) throws IOException {
    TopDocs found = searcher.search(new TermQuery(new Term(M3Fields.ID, id)), 1);
    if (found.scoreDocs.length == 0) {
      return null;
    }
    Explanation lucene = searcher.explain(HybridQuery.of(query, options, denseOversample, false), found.scoreDocs[0].doc);
    if (options.mode() == SearchMode.DENSE && lucene.isMatch()) {
      return Explanation.match(2 * lucene.getValue().floatValue() - 1,
          "dense dot product, from Lucene's DOT_PRODUCT score (1 + dot) / 2 of the kNN top " + options.depth(), lucene);
    }
    return lucene;
  }

  /**
   * The candidates a hybrid search fuses, with their leg scores and the legs that retrieved them;
   * with {@code exact}, the union of every leg's exact top list.
   */
  List<LegScoredDocument> candidates(EncodedQuery query, SearchOptions options, boolean exact) throws IOException {
    HybridQuery hybrid = HybridQuery.of(query, options.withMode(SearchMode.HYBRID), denseOversample, exact);
    FusedDocsQuery fused = (FusedDocsQuery) searcher.rewrite(hybrid);
    StoredFields stored = searcher.storedFields();
    Set<String> idOnly = Set.of(M3Fields.ID);
    List<LegScoredDocument> out = new ArrayList<>(fused.size());
    for (int i = 0; i < fused.size(); i++) {
      out.add(new LegScoredDocument(stored.document(fused.doc(i), idOnly).get(M3Fields.ID), fused.candidate(i)));
    }
    return out;
  }

  private static SearchHit toHit(int rank, float score, LegScores legs, Document doc) {
    String title = doc.get(M3Fields.TITLE);
    return new SearchHit(
        rank, doc.get(M3Fields.ID), score, legs, title == null ? "" : title, doc.get(M3Fields.TEXT),
        Metadata.fromJson(doc.get(M3Fields.METADATA_JSON)));
  }
}
