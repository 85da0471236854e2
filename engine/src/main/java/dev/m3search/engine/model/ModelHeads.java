package dev.m3search.engine.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * BGE-M3's heads as BAAI publishes them beside the encoder, FlagEmbedding's {@code
 * colbert_linear.pt} and {@code sparse_linear.pt}: the ColBERT projection of every hidden state
 * after CLS, and the one-output layer whose relu is a token's lexical weight.
 */
record ModelHeads(LinearHead colbert, LinearHead sparse) {

  static ModelHeads read(Path colbertFile, Path sparseFile) throws IOException {
    LinearHead colbert = LinearHead.read(colbertFile);
    LinearHead sparse = LinearHead.read(sparseFile);
    if (sparse.outputs() != 1) {
      throw new IOException(sparseFile + ": the sparse head has " + sparse.outputs() + " outputs, not 1");
    }
    if (sparse.inputs() != colbert.inputs()) {
      throw new IOException(
          sparseFile + " takes states of " + sparse.inputs() + " dimensions, " + colbertFile + " of " + colbert.inputs());
    }
    return new ModelHeads(colbert, sparse);
  }

  /** The hidden state's dimension both heads take. */
  int inputs() {
    return colbert.inputs();
  }
}
