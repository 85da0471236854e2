package dev.m3search.query;

import dev.m3search.codecs.sparse.BlockMaximaCursor;
import dev.m3search.codecs.sparse.BlockMaximaTerms;
import dev.m3search.codecs.sparse.FieldBlockMaxima;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.HitQueue;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.BytesRef;

/**
 * The top k of learned sparse weights in one segment by block-max pruning. The block maxima of the
 * query's terms, times their weights, sum to an upper bound for every block of documents. Blocks
 * are visited best bound first, in rounds: each round takes the next blocks whose bound can still
 * beat the k-th best score so far, scores them from the postings in doc-id order (a document's
 * score summed in double as Lucene sums a disjunction, so scores equal exhaustive scoring's), and
 * the rounds end when no block left can enter the top k. Rounds double in size, so few postings
 * enumerations are opened and the k-th score rises early. The segments of one search share a
 * floor: the best k-th score any of them has reached, under which no document can enter the
 * index's top k, so a segment searched later skips what an earlier one has already beaten.
 */
final class BlockMaxTopK {
  /** Blocks in the first round; each later round takes twice as many, at most {@link #MAX_ROUND}. */
  private static final int FIRST_ROUND = 8;
  private static final int MAX_ROUND = 1024;
  /**
   * Bounds are summed in float, scores in double: a bound may fall a few ulps under the score it
   * bounds, so a block is skipped only when its bound is this much under the k-th score.
   */
  private static final float BOUND_SLACK = 1e-5f;

  private final LeafReaderContext leaf;
  private final BlockMaximaTerms terms;
  private final List<BytesRef> queryTerms;
  private final float[] queryWeights;
  private final Bits live;
  private final FixedBitSet filter;
  private final int k;
  private final AtomicInteger sharedFloor;

  /**
   * @param live the segment's live documents, null when none is deleted
   * @param filter the documents the filter accepts, null for no filter
   * @param sharedFloor the float bits of the best k-th score the search's segments have reached
   *     (scores are positive, so their bits order as they do); this segment raises it
   */
  BlockMaxTopK(LeafReaderContext leaf, BlockMaximaTerms terms, List<BytesRef> queryTerms, float[] queryWeights,
      Bits live, FixedBitSet filter, int k, AtomicInteger sharedFloor) {
    this.leaf = leaf;
    this.terms = terms;
    this.queryTerms = queryTerms;
    this.queryWeights = queryWeights;
    this.live = live;
    this.filter = filter;
    this.k = k;
    this.sharedFloor = sharedFloor;
  }

  /** The linear feature weight FeatureField stores in a term frequency (its float's 16 high bits). */
  static float featureValue(int freq) {
    return Float.intBitsToFloat(freq << 15);
  }

  /** The segment's top k, best first, equal scores by increasing doc id; doc ids are global. */
  ScoreDoc[] search() throws IOException {
    FieldBlockMaxima maxima = terms.maxima();
    int shift = maxima.blockShift();
    int maxDoc = leaf.reader().maxDoc();
    float[] bounds = new float[((maxDoc - 1) >> shift) + 1];
    TermsEnum termsEnum = terms.iterator();
    List<Integer> present = new ArrayList<>();
    List<TermState> states = new ArrayList<>();
    for (int t = 0; t < queryTerms.size(); t++) {
      BlockMaximaCursor cursor = maxima.blocks(queryTerms.get(t));
      if (cursor == null || termsEnum.seekExact(queryTerms.get(t)) == false) {
        continue;
      }
      present.add(t);
      states.add(termsEnum.termState());
      float weight = queryWeights[t];
      for (int block = cursor.nextBlock(); block >= 0; block = cursor.nextBlock()) {
        bounds[block] += weight * featureValue(cursor.maxFreq());
      }
    }
    if (filter != null) {
      dropFilteredBlocks(bounds, shift, maxDoc);
    }
    BoundOrder order = new BoundOrder(bounds);
    HitQueue top = new HitQueue(k, false);
    int size = 0;
    PostingsEnum[] postings = new PostingsEnum[present.size()];
    int round = FIRST_ROUND;
    int[] blocks = new int[MAX_ROUND];
    double[] scores = new double[0];
    boolean more = true;
    while (more) {
      float floor = Math.max(size < k ? 0f : top.top().score, Float.intBitsToFloat(sharedFloor.get())) * (1 - BOUND_SLACK);
      int count = 0;
      while (count < round) {
        int block = order.next(floor);
        if (block < 0) {
          more = false;
          break;
        }
        blocks[count++] = block;
      }
      if (count == 0) {
        break;
      }
      Arrays.sort(blocks, 0, count);
      if (scores.length < count << shift) {
        scores = new double[count << shift]; // grows with the rounds; most segments stop after a few small ones
      } else {
        Arrays.fill(scores, 0, count << shift, 0d);
      }
      for (int p = 0; p < postings.length; p++) {
        int t = present.get(p);
        termsEnum.seekExact(queryTerms.get(t), states.get(p));
        postings[p] = termsEnum.postings(postings[p], PostingsEnum.FREQS);
        accumulate(postings[p], queryWeights[t], blocks, count, shift, maxDoc, scores);
      }
      for (int b = 0; b < count; b++) {
        int base = blocks[b] << shift;
        int end = Math.min(maxDoc, base + (1 << shift));
        for (int doc = base; doc < end; doc++) {
          double score = scores[(b << shift) + doc - base];
          if (score > 0 && (live == null || live.get(doc)) && (filter == null || filter.get(doc))) {
            float s = (float) score;
            if (size < k) {
              top.add(new ScoreDoc(leaf.docBase + doc, s));
              size++;
            } else if (s > top.top().score || (s == top.top().score && leaf.docBase + doc < top.top().doc)) {
              top.updateTop(new ScoreDoc(leaf.docBase + doc, s));
            }
          }
        }
      }
      if (size == k) {
        // a document under this segment's k-th score cannot enter the index's top k either; one
        // equal to it still can (ties go to the lower doc id), so the floor prunes only blocks under it
        sharedFloor.accumulateAndGet(Float.floatToIntBits(top.top().score), Math::max);
      }
      round = Math.min(MAX_ROUND, round * 2);
    }
    ScoreDoc[] hits = new ScoreDoc[size];
    for (int i = size - 1; i >= 0; i--) {
      hits[i] = top.pop();
    }
    return hits;
  }

  /** Adds one term's part of the score of every document of {@code blocks} (increasing) that holds it. */
  private static void accumulate(PostingsEnum postings, float weight, int[] blocks, int count, int shift, int maxDoc, double[] scores)
      throws IOException {
    int doc = postings.docID();
    for (int b = 0; b < count; b++) {
      int base = blocks[b] << shift;
      int end = Math.min(maxDoc, base + (1 << shift));
      if (doc < base) {
        doc = postings.advance(base);
      }
      while (doc < end) {
        scores[(b << shift) + doc - base] += weight * featureValue(postings.freq());
        doc = postings.nextDoc();
      }
    }
  }

  /** A block without a document the filter accepts gets bound 0, so it is never visited. */
  private void dropFilteredBlocks(float[] bounds, int shift, int maxDoc) {
    for (int b = 0; b < bounds.length; b++) {
      int base = b << shift;
      if (bounds[b] > 0 && filter.nextSetBit(base, Math.min(maxDoc, base + (1 << shift))) == DocIdSetIterator.NO_MORE_DOCS) {
        bounds[b] = 0;
      }
    }
  }

  /**
   * Blocks with a positive bound, best bound first, without sorting them all: a counting sort into
   * {@value #BUCKETS} buckets of bounds, the best bucket first. Within a bucket blocks come in any
   * order, so {@link #next} passes over blocks under the floor and stops at the first bucket whose
   * every bound is under it.
   */
  private static final class BoundOrder {
    private static final int BUCKETS = 256;
    private final float[] bounds;
    private final int[] blocks;
    private final int[] bucketOf;
    private final float bucketWidth;
    private int next;

    BoundOrder(float[] bounds) {
      this.bounds = bounds;
      float max = 0;
      for (float bound : bounds) {
        max = Math.max(max, bound);
      }
      bucketWidth = max / BUCKETS;
      int[] starts = new int[BUCKETS + 1];
      bucketOf = new int[bounds.length];
      for (int b = 0; b < bounds.length; b++) {
        if (bounds[b] > 0) {
          bucketOf[b] = BUCKETS - 1 - Math.min(BUCKETS - 1, (int) (bounds[b] / bucketWidth)); // 0: the best bucket
          starts[bucketOf[b] + 1]++;
        }
      }
      for (int i = 0; i < BUCKETS; i++) {
        starts[i + 1] += starts[i];
      }
      blocks = new int[starts[BUCKETS]];
      for (int b = 0; b < bounds.length; b++) {
        if (bounds[b] > 0) {
          blocks[starts[bucketOf[b]]++] = b;
        }
      }
    }

    /** The next block whose bound reaches {@code floor}, or -1 when no block left can. */
    int next(float floor) {
      while (next < blocks.length) {
        int block = blocks[next++];
        if (bounds[block] >= floor) {
          return block;
        }
        float bucketCeiling = (BUCKETS - bucketOf[block]) * bucketWidth * (1 + BOUND_SLACK);
        if (bucketCeiling < floor) {
          next = blocks.length; // every bound left is in this bucket or a worse one
        }
      }
      return -1;
    }
  }
}
