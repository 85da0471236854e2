package dev.m3search.codecs.lateinteraction;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.tests.index.BaseDocValuesFormatTestCase;
import org.apache.lucene.tests.util.TestUtil;

/**
 * Lucene's doc values format test suite, on the late-interaction format: binary fields without a
 * token mode (kept byte for byte, with our addressing and docs-with-field), and the numeric and
 * sorted fields it hands to Lucene90.
 */
public class TestM3LateInteractionFormat extends BaseDocValuesFormatTestCase {
  private final Codec codec = TestUtil.alwaysDocValuesFormat(new M3LateInteractionFormat());

  @Override
  protected Codec getCodec() {
    return codec;
  }
}
