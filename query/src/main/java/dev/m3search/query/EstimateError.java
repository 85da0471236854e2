package dev.m3search.query;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.DoubleFunction;

/**
 * How far the first pass's MaxSim estimates lay from the exact scores, over the candidates scored
 * both ways: the mean difference, which shifts the estimates left, and the largest deviation from
 * it, which bounds how far a left estimate may still be off. Long documents need the bound: their
 * MaxSim scores crowd together, so an error the best 30 can absorb at 100 tokens reorders the top
 * at 2,048.
 */
public final class EstimateError {
  /** Exactly scored candidates an estimated one must not be able to displace: a first page. */
  public static final int PROTECTED = 10;

  private float[] differences = new float[32];
  private int count;

  /** Records one candidate scored both ways. */
  public void add(float exact, float estimate) {
    if (count == differences.length) {
      differences = Arrays.copyOf(differences, 2 * count);
    }
    differences[count++] = exact - estimate;
  }

  /** The mean of exact − estimate; 0 before any candidate. */
  public float mean() {
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += differences[i];
    }
    return count == 0 ? 0 : (float) (sum / count);
  }

  /** The largest |exact − estimate − mean| seen. */
  public float spread() {
    float mean = mean();
    float spread = 0;
    for (int i = 0; i < count; i++) {
      spread = Math.max(spread, Math.abs(differences[i] - mean));
    }
    return spread;
  }

  /** Scores a batch of candidates exactly, recording each one's exact score and estimate with {@link #add}. */
  @FunctionalInterface
  public interface ExactRound {
    void score(int[] batch, EstimateError error) throws IOException;
  }

  /**
   * Scores {@code batch} exactly, then every candidate still {@code estimated} that {@link
   * #mayReachTheTop} at the largest error seen, round after round until none can; marks them
   * exact in {@code estimated} and returns the errors seen. {@code boundsAt} gives the mode's
   * scores with every estimate moved by a shift, as the engine and its benchmark score them.
   */
  public static EstimateError settle(int[] batch, boolean[] estimated, ExactRound exact, DoubleFunction<float[]> boundsAt)
      throws IOException {
    EstimateError error = new EstimateError();
    while (batch.length > 0) {
      exact.score(batch, error);
      for (int i : batch) {
        estimated[i] = false;
      }
      batch = mayReachTheTop(boundsAt.apply(error.mean() + error.spread()), estimated);
    }
    return error;
  }

  /**
   * The candidates still {@code estimated} whose best possible score, {@code bounds} (the mode's
   * score with each estimate raised by {@link #mean} + {@link #spread}), reaches the {@link
   * #PROTECTED}-th best score of the exactly scored ones, in ascending order; none when fewer are
   * exact.
   */
  public static int[] mayReachTheTop(float[] bounds, boolean[] estimated) {
    int exact = 0;
    for (boolean e : estimated) {
      exact += e ? 0 : 1;
    }
    if (exact < PROTECTED) {
      return new int[0];
    }
    float[] exactScores = new float[exact];
    for (int i = 0, n = 0; i < bounds.length; i++) {
      if (!estimated[i]) {
        exactScores[n++] = bounds[i];
      }
    }
    Arrays.sort(exactScores);
    float threshold = exactScores[exact - PROTECTED];
    int[] reach = new int[bounds.length - exact];
    int n = 0;
    for (int i = 0; i < bounds.length; i++) {
      if (estimated[i] && bounds[i] >= threshold) {
        reach[n++] = i;
      }
    }
    return Arrays.copyOf(reach, n);
  }
}
