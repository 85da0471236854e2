package dev.m3search.codecs.sparse;

import org.apache.lucene.index.FilterLeafReader.FilterTerms;
import org.apache.lucene.index.Terms;

/** A field's terms as Lucene's postings read them, with the field's block maxima beside them. */
public final class BlockMaximaTerms extends FilterTerms {
  private final FieldBlockMaxima maxima;

  BlockMaximaTerms(Terms in, FieldBlockMaxima maxima) {
    super(in);
    this.maxima = maxima;
  }

  /** The block maxima of this field in this segment. */
  public FieldBlockMaxima maxima() {
    return maxima;
  }
}
