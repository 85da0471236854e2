package dev.m3search.engine.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;

/**
 * Words of any script: Unicode word segmentation by ICU (dictionaries for Chinese, Japanese, Thai,
 * Lao, Khmer and Burmese) and ICU folding (case, accents, width), with no language's stop words or
 * stemmer.
 */
final class IcuAnalyzer extends Analyzer {
  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    ICUTokenizer tokenizer = new ICUTokenizer();
    TokenStream folded = new ICUFoldingFilter(tokenizer);
    return new TokenStreamComponents(tokenizer, folded);
  }
}
