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

  /**
   * Lexical leg, in a language the model does not know (say Korean under an English model): the raw
   * weighted sum 0.6 dense, 0.3 sparse, 0.1 ColBERT. BM25 scores run to tens while dot products and
   * MaxSim stay within one, so the lexical leg, the one that reads the text, sets the order, and the
   * model's legs only part documents whose BM25 scores nearly tie. Of the settings {@code eval
   * --sweep --split dev} tried on KorQuAD 1.0, JSQuAD and CMRC 2018, the only one whose gain over
   * the best leg is positive on all three (the rule of {@link #LEXICAL}; see the README's
   * "Languages").
   */
  public static final Fusion FOREIGN_LEXICAL = new Fusion.WeightedSum(new LegWeights(0.6f, 0.3f, 0.1f));

  /**
   * Min-max fusion in a language the model does not know, when named: 0.9 sparse, 0.1 ColBERT (the
   * former default there; BGE-M3's weights would give the model's legs most of the order).
   */
  private static final LegWeights FOREIGN_NORMALIZED = new LegWeights(0.0f, 0.9f, 0.1f);

  /** RRF over a lexical leg: the former default, chosen by the same rule on three collections. */
  private static final LegWeights LEXICAL_RRF = new LegWeights(0.3f, 0.1f, 0.6f);

  /**
   * Two legs, dense and lexical, of a model that gives no token vectors (e5-small-v2): min-max
   * normalised, 0.6 dense, 0.4 sparse. Of the two-leg settings {@code eval --sweep --split dev}
   * tried on e5-small-v2 indexes of the nine collections of {@link #LEXICAL}, the one whose
   * smallest gain over a collection's better leg is largest ({@code eval/tools/combine_sweeps.py
   * --two-legs}; see the README's "Models"). A method named without weights takes these weights.
   */
  public static final Fusion TWO_LEGS = new Fusion.NormalizedWeightedSum(new LegWeights(0.6f, 0.4f, 0f));

  /**
   * Two legs in a language the model does not know: {@link #FOREIGN_LEXICAL} without its ColBERT
   * part, 0.6 dense and 0.3 sparse (not swept: no collection in such a language was indexed with
   * a dense-only model).
   */
  public static final Fusion FOREIGN_TWO_LEGS = new Fusion.WeightedSum(new LegWeights(0.6f, 0.3f, 0f));

  private DefaultFusion() {}

  /** The default fusion of an index whose sparse leg holds {@code kind}, in a language its model knows. */
  public static Fusion of(SparseKind kind) {
    return of(kind, true);
  }

  /**
   * The default fusion of an index whose sparse leg holds {@code kind}, where {@code modelKnowsLanguage}
   * says whether its model knows the index's language: learned weights are the model's, whatever
   * the language; a lexical leg weighs most where the model's legs do not read the text.
   */
  public static Fusion of(SparseKind kind, boolean modelKnowsLanguage) {
    if (kind == SparseKind.LEARNED) {
      return LEARNED;
    }
    return modelKnowsLanguage ? LEXICAL : FOREIGN_LEXICAL;
  }

  /**
   * The default fusion of an index without token vectors, of a lexical leg and a dense one: the
   * ColBERT leg gets no part.
   */
  private static Fusion ofTwoLegs(boolean modelKnowsLanguage) {
    return modelKnowsLanguage ? TWO_LEGS : FOREIGN_TWO_LEGS;
  }

  /**
   * As {@link #of(SparseKind, boolean, String)}, for an index that has token vectors or, when
   * {@code tokenVectors} is false, only a dense and a lexical leg: there every method named without
   * weights takes the two-leg default's weights.
   */
  public static Fusion of(SparseKind kind, boolean modelKnowsLanguage, boolean tokenVectors, String name) {
    if (tokenVectors) {
      return of(kind, modelKnowsLanguage, name);
    }
    Fusion chosen = ofTwoLegs(modelKnowsLanguage);
    return name == null ? chosen : Fusion.of(name, chosen.weights());
  }

  /**
   * The method {@code name} ({@code weighted}, {@code normalized} or {@code rrf}) with the weights
   * chosen for it over a sparse leg of {@code kind}: the default's own weights for the default
   * method, the best of the dev sweep for RRF over a lexical leg, BGE-M3's 0.4/0.2/0.4 otherwise;
   * the default fusion when {@code name} is null.
   */
  public static Fusion of(SparseKind kind, String name) {
    return of(kind, true, name);
  }

  /**
   * As {@link #of(SparseKind, String)}, for an index whose model may not know its language: there,
   * over a lexical leg, {@code normalized} takes 0.0/0.9/0.1.
   */
  public static Fusion of(SparseKind kind, boolean modelKnowsLanguage, String name) {
    if (name == null) {
      return of(kind, modelKnowsLanguage);
    }
    Fusion method = Fusion.of(name, LegWeights.BGE_M3);
    Fusion chosen = of(kind, modelKnowsLanguage);
    if (method.name().equals(chosen.name())) {
      return chosen;
    }
    if (kind == SparseKind.LEXICAL && method.name().equals("rrf")) {
      return method.withWeights(LEXICAL_RRF);
    }
    if (kind == SparseKind.LEXICAL && !modelKnowsLanguage && method.name().equals("normalized")) {
      return method.withWeights(FOREIGN_NORMALIZED);
    }
    return method;
  }
}
