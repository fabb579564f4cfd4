package kr.ieum.faq.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** The answer index's norms from arrays are Lucene's own, document by document, in every segment and after a reopen. */
class CachedNormsTest {

    @Test
    void everyNormIsTheStoredOneAndOnlyWhereTheFieldIs() throws Exception {
        check(new org.apache.lucene.search.similarities.BM25Similarity());
    }

    /** Norms that do not fit in a byte (not BM25's, but a reader must not change them either). */
    @Test
    void largeNormsToo() throws Exception {
        check(new org.apache.lucene.search.similarities.Similarity() {
            @Override
            public long computeNorm(org.apache.lucene.index.FieldInvertState state) {
                return state.getLength() * 1_000_003L;
            }

            @Override
            public SimScorer scorer(float boost, org.apache.lucene.search.CollectionStatistics collectionStats,
                    org.apache.lucene.search.TermStatistics... termStats) {
                throw new UnsupportedOperationException("not searched");
            }
        });
    }

    private static void check(org.apache.lucene.search.similarities.Similarity similarity) throws Exception {
        Random random = new Random(3);
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new WhitespaceAnalyzer())
                        .setSimilarity(similarity).setMergePolicy(NoMergePolicy.INSTANCE))) {
            add(writer, random, 300);
            writer.commit();
            DirectoryReader reader = CachedNorms.wrap(DirectoryReader.open(writer));
            try {
                check(reader);
                // a reopen after more documents (a publish) keeps wrapping, and new segments read their own norms
                add(writer, random, 200);
                DirectoryReader reopened = DirectoryReader.openIfChanged(reader);
                assertTrue(reopened instanceof CachedNorms);
                reader.close();
                reader = reopened;
                assertTrue(reader.leaves().size() > 1);
                check(reader);
            } finally {
                reader.close();
            }
        }
    }

    /** Documents with one of three fields each (like the locales' fields), some with a long text. */
    private static void add(IndexWriter writer, Random random, int count) throws java.io.IOException {
        for (int d = 0; d < count; d++) {
            Document doc = new Document();
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 1 + random.nextInt(random.nextInt(10) == 0 ? 400 : 8); w++) {
                text.append("w").append(random.nextInt(50)).append(' ');
            }
            doc.add(new TextField("f" + random.nextInt(3), text.toString(), Field.Store.NO));
            writer.addDocument(doc);
        }
    }

    private static void check(DirectoryReader reader) throws java.io.IOException {
        int compared = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            org.apache.lucene.index.LeafReader plain = ((org.apache.lucene.index.FilterLeafReader) leaf.reader()).getDelegate();
            for (String field : new String[] {"f0", "f1", "f2"}) {
                NumericDocValues expected = plain.getNormValues(field);
                NumericDocValues cached = leaf.reader().getNormValues(field);
                if (expected == null) {
                    assertNull(cached);
                    continue;
                }
                // by advanceExact, as BM25 scoring reads them
                NumericDocValues byDoc = leaf.reader().getNormValues(field);
                NumericDocValues reference = plain.getNormValues(field);
                for (int doc = 0; doc < plain.maxDoc(); doc++) {
                    boolean has = reference.advanceExact(doc);
                    assertEquals(has, byDoc.advanceExact(doc), field + " doc " + doc);
                    if (has) {
                        assertEquals(reference.longValue(), byDoc.longValue(), field + " doc " + doc);
                        compared++;
                    }
                }
                // and by iteration
                for (int doc = expected.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = expected.nextDoc()) {
                    assertEquals(doc, cached.nextDoc());
                    assertEquals(expected.longValue(), cached.longValue());
                }
                assertEquals(DocIdSetIterator.NO_MORE_DOCS, cached.nextDoc());
            }
        }
        assertTrue(compared > 250, "norms compared: " + compared);
    }
}
