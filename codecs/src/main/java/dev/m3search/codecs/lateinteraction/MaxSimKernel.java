package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import org.apache.lucene.store.IndexInput;

/**
 * MaxSim of one query against documents of one segment, computed on the codes the segment's
 * {@link TokenLayout} stored: one kernel per mode, reading a document's codes through its layout.
 * A kernel quantises the query once, around the segment's statistics, and keeps its scratch
 * space, so scoring a document allocates nothing. Not a Lucene {@code Scorer}: it iterates nothing.
 */
sealed interface MaxSimKernel permits FloatMaxSim, OptimizedScalarMaxSim, SignMaxSim {
  /** {@code Σ_i max_j q_i·d_j} over the {@code tokens} tokens at the input's position. */
  float sumOfMaxima(IndexInput in, int tokens) throws IOException;

  /**
   * Whether {@link #estimatedSumOfMaxima} costs less than {@link #sumOfMaxima}, so that a first
   * pass over many documents and exact scores for the best pays.
   */
  default boolean estimates() {
    return false;
  }

  /** An estimate of {@link #sumOfMaxima} for a first pass; {@link #sumOfMaxima} itself by default. */
  default float estimatedSumOfMaxima(IndexInput in, int tokens) throws IOException {
    return sumOfMaxima(in, tokens);
  }

  /** The kernel of {@code query} (one float vector per query token) on codes stored by {@code layout}. */
  static MaxSimKernel of(TokenLayout layout, float[][] query) {
    return switch (layout) {
      case FloatTokenLayout floats -> new FloatMaxSim(floats, query);
      case ScalarTokenLayout scalar -> new ScalarMaxSim(scalar, query);
      case DibitTokenLayout dibit -> new DibitMaxSim(dibit, query);
      case SignTokenLayout sign -> new SignMaxSim(sign, query);
    };
  }
}
