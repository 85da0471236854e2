package dev.m3search.query;

/**
 * The fusion a search uses when it names none, and the weights a method gets when it is named
 * without any: both follow what the sparse leg holds, so naming the default method gives the
 * default results.
 */
public final class DefaultFusion {
  /**
   * Lexical (BM25) leg: each leg min-max normalised over the candidates (BM25 and cosine scores
   * live on other scales), then weighted 0.2 dense, 0.1 sparse, 0.7 ColBERT. Of the settings
   * {@code eval --sweep --split dev} tried on nine public collections (msmarco-5k, Cranfield, CISI,
   * SciFact, ADI, MED, CACM, LISA, NPL), the one whose smallest gain over a collection's best single
   * leg is largest (see the README for the test-query figures).
   */
  public static final Fusion LEXICAL = new Fusion.NormalizedWeightedSum(new LegWeights(0.2f, 0.1f, 0.7f));

  /** Learned sparse weights: BGE-M3's weighted sum 0.4/0.2/0.4, as the paper ranks. */
  public static final Fusion LEARNED = new Fusion.WeightedSum(LegWeights.BGE_M3);

  /** RRF over a lexical leg: the former default, chosen by the same rule on three collections. */
  private static final LegWeights LEXICAL_RRF = new LegWeights(0.3f, 0.1f, 0.6f);

  private DefaultFusion() {}

  /** The default fusion of an index whose sparse leg holds {@code kind}. */
  public static Fusion of(SparseKind kind) {
    return kind == SparseKind.LEARNED ? LEARNED : LEXICAL;
  }

  /**
   * The method {@code name} ({@code weighted}, {@code normalized} or {@code rrf}) with the weights
   * chosen for it over a sparse leg of {@code kind}: the default's own weights for the default
   * method, the best of the dev sweep for RRF over a lexical leg, BGE-M3's 0.4/0.2/0.4 otherwise;
   * the default fusion when {@code name} is null.
   */
  public static Fusion of(SparseKind kind, String name) {
    if (name == null) {
      return of(kind);
    }
    Fusion method = Fusion.of(name, LegWeights.BGE_M3);
    Fusion chosen = of(kind);
    if (method.name().equals(chosen.name())) {
      return chosen;
    }
    if (kind == SparseKind.LEXICAL && method.name().equals("rrf")) {
      return method.withWeights(LEXICAL_RRF);
    }
    return method;
  }
}
