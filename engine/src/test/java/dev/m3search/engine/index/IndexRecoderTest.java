package dev.m3search.engine.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.m3search.codecs.DenseVectorMode;
import dev.m3search.codecs.M3Fields;
import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import dev.m3search.codecs.lateinteraction.TokenVectorValues;
import java.nio.file.Path;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LateInteractionField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recoding writes the token vectors in the target mode, whichever format the source kept them in. */
class IndexRecoderTest {
  @TempDir Path source;
  @TempDir Path target;
  @TempDir Path twoBit;

  @Test
  void plainLateInteractionFieldsAreRecodedAsTokenVectors() throws Exception {
    // m3search 0.1 stored Lucene's LateInteractionField bytes, with no mark of token vectors
    float[][] tokens = {{0.6f, 0.8f}, {1, 0}};
    try (Directory directory = FSDirectory.open(source);
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(new Lucene104Codec()))) {
      for (int i = 0; i < 3; i++) {
        Document doc = new Document();
        doc.add(new LateInteractionField(M3Fields.COLBERT, tokens));
        writer.addDocument(doc);
      }
    }
    IndexRecoder.recode(source, target, new StorageModes(DenseVectorMode.FLOAT32, TokenVectorMode.FLOAT32));
    try (Directory directory = FSDirectory.open(target);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      TokenVectorValues values = (TokenVectorValues) reader.leaves().get(0).reader().getBinaryDocValues(M3Fields.COLBERT);
      assertEquals(TokenVectorMode.FLOAT32, values.mode());
      assertEquals(0, values.nextDoc());
      assertArrayEquals(tokens[0], LateInteractionField.decode(values.binaryValue())[0]);
    }
    assertEquals(TokenVectorMode.FLOAT32, StorageModes.stored(target).tokens());

    IndexRecoder.recode(target, twoBit, StorageModes.defaults());
    assertEquals(TokenVectorMode.BIT2, StorageModes.stored(twoBit).tokens());
  }
}
