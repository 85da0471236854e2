package dev.m3search.engine.index;

import dev.m3search.engine.model.ModelIdentity;

/** An index was opened with a model other than the one that built it. */
public final class ModelMismatchException extends IllegalStateException {
  public ModelMismatchException(String index, ModelIdentity stored, ModelIdentity given) {
    super(
        "index " + index + " was built with model " + stored + ", but the model given is " + given
            + "; they differ in " + String.join("; ", stored.differencesFrom(given))
            + ". Open the index with the model that built it, or index into a new folder");
  }
}
