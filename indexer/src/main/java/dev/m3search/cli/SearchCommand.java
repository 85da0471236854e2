package dev.m3search.cli;

import dev.m3search.engine.index.Filters;
import dev.m3search.engine.index.HitReranker;
import dev.m3search.engine.index.IndexSnapshot;
import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.model.CrossEncoder;
import dev.m3search.query.EncodedQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.search.Explanation;
import dev.m3search.engine.index.SearchHit;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.query.Fusion;
import dev.m3search.query.LegWeights;
import dev.m3search.query.SearchMode;
import dev.m3search.query.SearchOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "search", description = "Search an index; every hit shows its score on each leg.")
final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--index", required = true, paramLabel = "DIR")
  Path index;

  @Option(names = "--k", paramLabel = "N", description = "Hits to return (default: ${DEFAULT-VALUE}).")
  int k = SearchOptions.DEFAULT_K;

  @Option(
      names = "--candidates",
      paramLabel = "N",
      description = "Documents each first-stage leg retrieves, and so how deep the ranking goes: N in the dense and sparse modes, the union of both legs' N (N to 2N) in hybrid and colbert. Pages are slices of that one ranking; to page deeper, raise it for every page (default: ${DEFAULT-VALUE}).")
  int candidates = SearchOptions.DEFAULT_CANDIDATES;

  @Option(names = "--mode", paramLabel = "MODE", description = "hybrid, dense, sparse or colbert (default: ${DEFAULT-VALUE}).")
  SearchMode mode = SearchMode.HYBRID;

  @Option(names = "--fusion", paramLabel = "METHOD", description = "weighted (BGE-M3), normalized (min-max) or rrf. Default: weighted 0.4,0.2,0.4 for learned sparse weights, normalized 0.2,0.1,0.7 for the lexical leg; a method named without --weights takes the weights chosen for it (over the lexical leg: weighted 0.4,0.2,0.4, normalized 0.2,0.1,0.7, rrf 0.3,0.1,0.6). In a language the index's model does not know (info shows both): weighted 0.6,0.3,0.1 by default, normalized 0.0,0.9,0.1 when named. On an index without token vectors (two legs): normalized 0.6,0.4, and every method named takes 0.6,0.4 (weighted 0.6,0.3 in a language the model does not know).")
  String fusion;

  @Option(names = "--weights", paramLabel = "D,S[,C]", description = "Leg weights dense,sparse,colbert, for the method chosen (or the default method); dense,sparse on an index without token vectors.")
  String weights;

  @Option(
      names = "--filter",
      paramLabel = "EXPR",
      description = "Only documents whose metadata matches: KEY=VALUE (equal, or an element of an array equal), KEY>=N, KEY>N, KEY<=N, KEY<N (numbers). Repeatable; all must hold.")
  List<String> filter = new ArrayList<>();

  @Option(names = "--from", paramLabel = "N", description = "Skip the first N hits: the page start; a page past the end of the ranking (see --candidates) is short or empty (default: ${DEFAULT-VALUE}).")
  int from;

  @Option(names = "--explain", description = "Print each hit's explanation: every leg's score and its part in the fused score.")
  boolean explain;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Mixin ModelOptions modelOptions;

  @Mixin RerankerOptions rerankerOptions;

  @Parameters(paramLabel = "QUERY", arity = "1..*", description = "The query text.")
  List<String> words;

  @Override
  public Integer call() throws Exception {
    try (M3Encoder encoder = modelOptions.openFor(index);
        M3Index searchIndex = M3Index.openReadOnly(index, encoder);
        CrossEncoder crossEncoder = rerankerOptions.open();
        IndexSnapshot snapshot = searchIndex.snapshot()) {
      String query = String.join(" ", words);
      EncodedQuery encoded = searchIndex.encodeQuery(query);
      SearchOptions options = options(searchIndex);
      HitReranker reranker = rerankerOptions.reranker(crossEncoder);
      List<SearchHit> hits;
      if (reranker == null) {
        hits = snapshot.search(encoded, options);
      } else {
        // rerank the first stage's top N, then cut the page
        int firstStage = Math.max(reranker.top(), from + k);
        List<SearchHit> top = reranker.rerank(query, snapshot.search(encoded, options.withFrom(0).withK(firstStage)));
        hits = top.subList(Math.min(from, top.size()), Math.min(from + k, top.size()));
      }
      Map<String, Explanation> explanations = new LinkedHashMap<>();
      if (explain) {
        for (SearchHit hit : hits) {
          Explanation firstStage = snapshot.explain(encoded, options, hit.id());
          explanations.put(hit.id(), reranker == null ? firstStage : reranker.explain(query, hit, firstStage));
        }
      }
      if (hits.size() < k && from + k > candidates) {
        spec.commandLine().getErr().printf("%d hits: the ranking ends there; --candidates %d ranks %s%n", hits.size(), candidates,
            mode == SearchMode.DENSE || mode == SearchMode.SPARSE ? "at most that many" : "the union of two top lists that long");
      }
      HitPrinter printer = new HitPrinter(spec.commandLine().getOut());
      if (json) {
        printer.json(query, options.mode(), hits, explanations);
      } else {
        printer.text(query, hits, explanations);
      }
      return 0;
    }
  }

  private SearchOptions options(M3Index searchIndex) {
    // a method named without weights gets the weights chosen for it, so naming the default changes nothing
    Fusion chosen = searchIndex.defaultFusion(fusion);
    if (weights != null) {
      chosen = chosen.withWeights(LegWeights.parse(weights));
    }
    // a person reading hits wants every leg's score; it costs well under a millisecond at k = 10
    return SearchOptions.defaults(chosen).withK(k).withFrom(from).withCandidates(candidates).withMode(mode)
        .withFilter(Filters.parse(filter)).withLegScores(true);
  }
}
