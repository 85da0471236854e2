package dev.m3search.engine.index;

import dev.m3search.codecs.Leg;
import dev.m3search.codecs.LegFields;
import dev.m3search.codecs.M3Fields;
import dev.m3search.engine.model.ModelIdentity;
import dev.m3search.query.ExhaustiveCandidates;
import dev.m3search.query.FusedDocsQuery;
import dev.m3search.query.HybridQuery;
import dev.m3search.query.EncodedQuery;
import dev.m3search.query.ExactLegScores;
import dev.m3search.query.LegScores;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import dev.m3search.query.SingleLegDocsQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
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

/**
 * Searches of one point-in-time {@link IndexSearcher}: hits, explanations and scored candidates.
 * An index whose model gives no token vectors has two legs: its searches may not rank by ColBERT
 * or weigh it, and its hits carry no ColBERT score.
 */
final class PointInTimeSearch {
  private final IndexSearcher searcher;
  private final int denseOversample;
  private final ModelIdentity model;

  PointInTimeSearch(IndexSearcher searcher, int denseOversample, ModelIdentity model) {
    this.searcher = searcher;
    this.denseOversample = denseOversample;
    this.model = model;
  }

  /** Refuses {@code options} that rank by or weigh a leg the index does not have. */
  private void checkLegs(SearchOptions options) {
    if (model.settings().hasTokenVectors()) {
      return;
    }
    String twoLegs = "the index has no token vectors: its model " + model.name() + " gives a dense and a lexical leg only";
    if (options.mode() == SearchMode.COLBERT) {
      throw new IllegalArgumentException(twoLegs + "; search in hybrid, dense or sparse mode");
    }
    if (options.mode() == SearchMode.HYBRID && options.fusion().weights().weighsColbert()) {
      throw new IllegalArgumentException(
          twoLegs + ", and the fusion weighs ColBERT (" + options.fusion().describe() + "); give two weights, dense,sparse");
    }
  }

  /** A hit's leg scores as the index has them: no ColBERT score where it has no token vectors. */
  private LegScores ofIndexLegs(LegScores legs) {
    return model.settings().hasTokenVectors() ? legs : new LegScores(legs.dense(), legs.sparse(), Float.NaN);
  }

  /** The query {@code options} describe on this index, with the index's dense oversampling; its page is the collector's. */
  HybridQuery query(EncodedQuery query, SearchOptions options) {
    return HybridQuery.of(query, options, denseOversample);
  }

  /** The query {@code options} describe, answering every document it ranks, whatever the page. */
  private HybridQuery wholeRanking(EncodedQuery query, SearchOptions options) {
    return new HybridQuery(LegFields.EMBEDDED, query, options.mode(), options.fusion(), options.candidates(),
        options.filter(), denseOversample);
  }

  /**
   * One page: the searcher's top {@code from + k} of the query, as {@code searcher.search(query(…),
   * from + k)} gives it, from {@code from} on, each hit with every leg's score (a dense or sparse
   * search's with its own leg's alone unless {@link SearchOptions#legScores()}).
   */
  List<SearchHit> search(EncodedQuery query, SearchOptions options) throws IOException {
    checkLegs(options);
    Query rewritten = searcher.rewrite(query(query, options));
    ScoreDoc[] top = searcher.search(rewritten, options.end()).scoreDocs;
    ScoreDoc[] page = Arrays.copyOfRange(top, Math.min(options.from(), top.length), top.length);
    LegScores[] legs;
    if (rewritten instanceof FusedDocsQuery fused) {
      legs = Arrays.stream(page).map(h -> fused.legScores(h.doc)).toArray(LegScores[]::new);
    } else {
      SingleLegDocsQuery ranked = (SingleLegDocsQuery) rewritten;
      legs = options.legScores()
          ? legScores(page, query, ranked, options.mode())
          : Arrays.stream(page).map(h -> LegScores.only(leg(options.mode()), ranked.legScore(h.doc))).toArray(LegScores[]::new);
    }
    StoredFields stored = searcher.storedFields();
    List<SearchHit> hits = new ArrayList<>(page.length);
    for (int i = 0; i < page.length; i++) {
      hits.add(toHit(options.from() + i + 1, page[i].score, ofIndexLegs(legs[i]), stored.document(page[i].doc)));
    }
    return hits;
  }

  /**
   * Every leg's score of the page's hits, in page order: for a single-leg search, k documents' worth
   * of scoring on the two other legs. The searched leg's score is the one the search ranked by.
   */
  private LegScores[] legScores(ScoreDoc[] page, EncodedQuery query, SingleLegDocsQuery ranked, SearchMode mode)
      throws IOException {
    int[] docs = Arrays.stream(page).mapToInt(h -> h.doc).sorted().toArray();
    Set<Leg> others = EnumSet.complementOf(EnumSet.of(leg(mode)));
    if (!model.settings().hasTokenVectors()) {
      others.remove(Leg.COLBERT);
    }
    LegScores[] sorted = ExactLegScores.score(searcher, LegFields.EMBEDDED, docs, query, others);
    LegScores[] legs = new LegScores[page.length];
    for (int i = 0; i < page.length; i++) {
      LegScores exact = sorted[Arrays.binarySearch(docs, page[i].doc)];
      float searched = ranked.legScore(page[i].doc);
      legs[i] = mode == SearchMode.DENSE
          ? new LegScores(searched, exact.sparse(), exact.colbert())
          : new LegScores(exact.dense(), searched, exact.colbert());
    }
    return legs;
  }

  /** The leg a single-leg mode ranks by. */
  private static Leg leg(SearchMode mode) {
    return mode == SearchMode.DENSE ? Leg.DENSE : Leg.SPARSE;
  }

  /** Why the document with this id scores as it does, or null when the index has no such document. */
  Explanation explain(EncodedQuery query, SearchOptions options, String id) throws IOException {
    checkLegs(options);
    TopDocs found = searcher.search(new TermQuery(new Term(M3Fields.ID, id)), 1);
    if (found.scoreDocs.length == 0) {
      return null;
    }
    return searcher.explain(wholeRanking(query, options), found.scoreDocs[0].doc);
  }

  /**
   * The candidates a hybrid search fuses, with their leg scores and the legs that retrieved them;
   * with {@code exact}, the union of every leg's exact top list ({@link ExhaustiveCandidates}).
   */
  List<LegScoredDocument> candidates(EncodedQuery query, SearchOptions options, boolean exact) throws IOException {
    checkLegs(options.withMode(SearchMode.HYBRID));
    StoredFields stored = searcher.storedFields();
    List<LegScoredDocument> out = new ArrayList<>();
    if (exact) {
      for (ExhaustiveCandidates.Candidate c :
          ExhaustiveCandidates.score(searcher, LegFields.EMBEDDED, query, options.candidates(), options.filter())) {
        out.add(new LegScoredDocument(id(stored, c.doc()), c.fusion()));
      }
    } else {
      FusedDocsQuery fused = (FusedDocsQuery) searcher.rewrite(wholeRanking(query, options.withMode(SearchMode.HYBRID)));
      for (int i = 0; i < fused.size(); i++) {
        out.add(new LegScoredDocument(id(stored, fused.doc(i)), fused.candidate(i)));
      }
    }
    return out;
  }

  private static String id(StoredFields stored, int doc) throws IOException {
    return stored.document(doc, Set.of(M3Fields.ID)).get(M3Fields.ID);
  }

  private static SearchHit toHit(int rank, float score, LegScores legs, Document doc) {
    String title = doc.get(M3Fields.TITLE);
    return new SearchHit(
        rank, doc.get(M3Fields.ID), score, legs, title == null ? "" : title, doc.get(M3Fields.TEXT),
        Metadata.fromJson(doc.get(M3Fields.METADATA_JSON)));
  }
}
