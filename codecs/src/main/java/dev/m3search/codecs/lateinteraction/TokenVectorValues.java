package dev.m3search.codecs.lateinteraction;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOSupplier;
import org.apache.lucene.util.LongValues;

/**
 * Token vectors of one segment's field in the late-interaction format. {@link #binaryValue()}
 * reads the current document's tokens back as {@link
 * org.apache.lucene.document.LateInteractionField} bytes (exact in float32, the quantised values
 * otherwise); {@link #maxSim} scores a query on the codes themselves.
 */
public final class TokenVectorValues extends StoredBinaryValues {
  private final TokenVectorMode mode;
  private final TokenLayout layout;
  private float[][] decoded = new float[0][];
  private final BytesRef value = new BytesRef();

  TokenVectorValues(
      IOSupplier<DocIdSetIterator> docs, LongValues addresses, IndexInput bytes, TokenVectorMode mode, TokenLayout layout)
      throws IOException {
    super(docs, addresses, bytes);
    this.mode = mode;
    this.layout = layout;
  }

  public TokenVectorMode mode() {
    return mode;
  }

  public int dimension() {
    return layout.dimension;
  }

  /** Tokens of the current document. */
  public int tokenCount() throws IOException {
    return seekValue() / layout.bytesPerToken();
  }

  @Override
  public BytesRef binaryValue() throws IOException {
    int tokens = tokenCount();
    if (decoded.length < tokens) {
      decoded = new float[ArrayUtil.oversize(tokens, 8)][layout.dimension];
    }
    layout.decode(bytes, tokens, decoded);
    int length = Integer.BYTES + tokens * layout.dimension * Float.BYTES;
    value.bytes = ArrayUtil.growNoCopy(value.bytes, length);
    value.length = length;
    ByteBuffer out = ByteBuffer.wrap(value.bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(layout.dimension);
    FloatBuffer floats = out.asFloatBuffer();
    for (int j = 0; j < tokens; j++) {
      floats.put(decoded[j], 0, layout.dimension);
    }
    return value;
  }

  /**
   * A scorer of {@code query} against this field's documents: the query is quantised once, and
   * each document is scored on its codes, read from the index without allocating. Documents may
   * come in any order (a pass of increasing doc ids is the fast one), so one scorer serves a first
   * pass and the exact scores after it.
   */
  public SegmentMaxSim maxSim(float[][] query) {
    for (float[] q : query) {
      if (q.length != layout.dimension) {
        throw new IllegalArgumentException(
            "query token dimension " + q.length + ", the field has " + layout.dimension);
      }
    }
    MaxSimKernel kernel = MaxSimKernel.of(layout, query);
    int queryTokens = query.length;
    return new SegmentMaxSim() {
      @Override
      public float score(int doc) throws IOException {
        if (queryTokens == 0 || seekExact(doc) == false) {
          return 0f;
        }
        int tokens = tokenCount(); // positions the input at the document's codes
        return kernel.sumOfMaxima(bytes, tokens) / queryTokens;
      }

      @Override
      public float estimate(int doc) throws IOException {
        if (queryTokens == 0 || seekExact(doc) == false) {
          return 0f;
        }
        int tokens = tokenCount();
        return kernel.estimatedSumOfMaxima(bytes, tokens) / queryTokens;
      }

      @Override
      public boolean estimates() {
        return kernel.estimates();
      }
    };
  }
}
