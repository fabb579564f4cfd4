package kr.ieum.faq.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** The answer index's second pass gives what Lucene's own rescorer gives, in a fraction of its time. */
class RescoreTest {

    @Test
    void theSecondPassScoresAndOrdersCandidatesAsLucenesRescorerDoes() throws Exception {
        Random random = new Random(11);
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            // several segments (no merging), so candidates fall in several leaves
            IndexWriterConfig config = new IndexWriterConfig(new WhitespaceAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE);
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (int segment = 0; segment < 5; segment++) {
                    for (int d = 0; d < 400; d++) {
                        StringBuilder text = new StringBuilder();
                        for (int w = 0; w < 3 + random.nextInt(8); w++) {
                            // a few frequent words, many rare ones
                            text.append(random.nextInt(3) == 0 ? "w" + random.nextInt(300) : "c" + random.nextInt(6)).append(' ');
                        }
                        Document doc = new Document();
                        doc.add(new TextField("f", text.toString(), Field.Store.NO));
                        doc.add(new TextField("g", text.toString(), Field.Store.NO));
                        writer.addDocument(doc);
                    }
                    writer.commit();
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                assertTrue(reader.leaves().size() > 1);
                IndexSearcher searcher = new IndexSearcher(reader);
                int compared = 0;
                for (int q = 0; q < 300; q++) {
                    List<Query> clauses = new ArrayList<>();
                    BooleanQuery.Builder rare = new BooleanQuery.Builder();
                    BooleanQuery.Builder all = new BooleanQuery.Builder();
                    for (int t = 0; t < 2 + random.nextInt(3); t++) {
                        Query term = new TermQuery(new Term(random.nextBoolean() ? "f" : "g", "w" + random.nextInt(300)));
                        clauses.add(term);
                        rare.add(term, BooleanClause.Occur.SHOULD);
                    }
                    for (int t = 0; t < 1 + random.nextInt(3); t++) {
                        clauses.add(new BoostQuery(new TermQuery(new Term(random.nextBoolean() ? "f" : "g", "c" + t)), 0.25f));
                    }
                    clauses.forEach(c -> all.add(c, BooleanClause.Occur.SHOULD));
                    TopDocs firstPass = searcher.search(rare.build(), 40);
                    TopDocs expected = new QueryRescorer(all.build()) {
                        @Override
                        protected float combine(float firstPassScore, boolean secondPassMatches, float secondPassScore) {
                            return secondPassMatches ? secondPassScore : 0f;
                        }
                    }.rescore(searcher, firstPass, 15);
                    TopDocs actual = FaqIndex.rescore(searcher, clauses, firstPass, 15);
                    assertEquals(expected.scoreDocs.length, actual.scoreDocs.length);
                    for (int i = 0; i < expected.scoreDocs.length; i++) {
                        assertEquals(expected.scoreDocs[i].score, actual.scoreDocs[i].score, 1e-5f, "query " + q + " #" + i);
                        assertEquals(expected.scoreDocs[i].doc, actual.scoreDocs[i].doc, "query " + q + " #" + i);
                    }
                    compared += expected.scoreDocs.length;
                }
                assertTrue(compared > 2000, "hits compared: " + compared);
            }
        }
    }
}
