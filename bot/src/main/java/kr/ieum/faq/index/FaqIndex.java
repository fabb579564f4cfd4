package kr.ieum.faq.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.PerFieldSimilarityWrapper;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene index of every way residents ask each topic, one document per phrasing, with a words field and
 * a character-n-gram field per locale. In memory (it is derived from the content store), near-real-time:
 * {@link #replace} makes a change searchable at once through the {@link SearcherManager}. Thread-safe.
 */
public final class FaqIndex implements AutoCloseable {
    private static final String TOPIC = "topic";
    private static final String KEY = "key";
    /**
     * The run of documents a document belongs to (its locale, and phrasing or topic), which the index is sorted by: each
     * field then lives in one run of documents, so its norms and postings are dense (a field present in one document of
     * forty, scattered, made every norm lookup a search in a sparse bit set, the largest cost of a query on a large
     * knowledge base after reading the postings).
     */
    private static final String RUN = "run";
    private static final float K1 = 1.2f;
    /** Topic documents are long: saturate term frequency later (baselines.md: k1 = 2 suits them). */
    private static final float TOPIC_K1 = 2.0f;
    private static final float TOPIC_B = 0.75f;
    private static final Similarity SIMILARITY = new PerFieldSimilarityWrapper() {
        private final Similarity phrases = new BM25Similarity(K1, B);
        private final Similarity topics = new BM25Similarity(TOPIC_K1, TOPIC_B);

        @Override
        public Similarity get(String field) {
            return field.startsWith("t") ? topics : phrases;
        }
    };
    private static final float B = 0.75f;
    private static final int MAX_QUERY_CHARS = 600;
    private static final int MAX_TERMS = 300;
    /** Phrasings read per search: enough for the best few topics, each possibly with several matching phrasings. */
    private static final int HITS = 60;
    /**
     * A term in more documents than this is left out of a first pass: its postings are what a search spends its time on
     * on a large knowledge base (scanning them grows with it), while the little evidence such a term carries mostly
     * reorders documents that rarer terms found already. The second pass scores the first pass's {@link #CANDIDATES}
     * with every term, so a hit's score is exact; only a document that rare terms alone would not rank among the
     * candidates can be missed. A question of common terms only is one exact pass.
     */
    static final int LONG_POSTINGS = 500;
    /** Term look-ups kept per reader ({@link #lookUp}): some 250 bytes each, so at most about 12 MiB. */
    private static final int MAX_CACHED_TERMS = 50_000;
    /** Documents the first pass hands to the exact second one. */
    private static final int CANDIDATES = 4 * HITS;

    private final AnalyzerRegistry analyzers = new AnalyzerRegistry();
    private static final String FINGERPRINT = "ieum.fingerprint";
    private static final String LOCALES = "ieum.locales";
    private static final String CONCEPTS_FILE = "concepts.tsv";

    private final ByteBuffersDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final float gramWeight;
    /** {@link #LONG_POSTINGS}, or another bound for a test comparing the two passes with one. */
    private final int longPostings;
    private final double phraseShare;
    private final double answerShare;
    private final Set<String> locales = ConcurrentHashMap.newKeySet();
    private final PerSegment<String[]> topicsBySegment = new PerSegment<>();
    /** Terms looked up in the current reader, at most {@link #MAX_CACHED_TERMS} of them. */
    private volatile TermCache termCache = new TermCache(null, Map.of());
    private final ConceptLexicon lexicon;
    /** The concepts of every locale's phrasings (language-neutral: a question meets them all there). */
    private final ConceptIndex concepts;

    /** A phrasing to index: a topic's question or one of its alternates in one locale. */
    public record Phrase(String topic, String locale, String text) {}

    /**
     * How scores combine.
     *
     * @param gramWeight  weight of the character-n-gram fields against the word fields
     * @param phraseShare how much the best single phrasing counts against all phrasings of the topic together
     *                    (1 = best phrasing only)
     * @param answerShare how much the words of the answer count towards the topic as a whole (0 = not at all)
     */
    public record Weights(float gramWeight, double phraseShare, double answerShare) {
        public static final Weights DEFAULT = new Weights(0.25f, 0.3, 0.0);
    }

    public FaqIndex(float gramWeight) {
        this(new Weights(gramWeight, Weights.DEFAULT.phraseShare(), Weights.DEFAULT.answerShare()));
    }

    public FaqIndex(Weights weights) {
        this(weights, ConceptLexicon.EMPTY);
    }

    /** An index that also records the concepts of each phrasing, read with {@code lexicon}. */
    public FaqIndex(Weights weights, ConceptLexicon lexicon) {
        this(weights, lexicon, memory(), IndexWriterConfig.OpenMode.CREATE, LONG_POSTINGS);
    }

    /** An index whose first pass leaves out terms in more than {@code longPostings} documents (tests). */
    FaqIndex(Weights weights, int longPostings) {
        this(weights, ConceptLexicon.EMPTY, memory(), IndexWriterConfig.OpenMode.CREATE, longPostings);
    }

    /**
     * The index lives on the heap, each file in one buffer once written: the default (many small buffers) made every
     * clone of a postings or norms input (one per term of a query) duplicate all the buffers of its file.
     */
    private static ByteBuffersDirectory memory() {
        return new ByteBuffersDirectory(new SingleInstanceLockFactory(), ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
    }

    private FaqIndex(Weights weights, ConceptLexicon lexicon, ByteBuffersDirectory directory, IndexWriterConfig.OpenMode mode,
            int longPostings) {
        this.lexicon = lexicon;
        this.longPostings = longPostings;
        this.concepts = new ConceptIndex(K1, B, TOPIC_K1, TOPIC_B, weights.phraseShare());
        this.gramWeight = weights.gramWeight();
        this.phraseShare = weights.phraseShare();
        this.answerShare = weights.answerShare();
        this.directory = directory;
        try {
            Analyzer perField = new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
                @Override
                protected Analyzer getWrappedAnalyzer(String field) {
                    int cut = field.indexOf('_');
                    String locale = field.substring(cut + 1);
                    return field.charAt(cut - 1) == 'g' ? analyzers.grams(locale) : analyzers.words(locale);
                }
            };
            IndexWriterConfig config = new IndexWriterConfig(perField).setSimilarity(SIMILARITY).setOpenMode(mode).setCommitOnClose(false)
                    .setIndexSort(new Sort(new SortField(RUN, SortField.Type.STRING)));
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(CachedNorms.wrap(DirectoryReader.open(writer)), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Merges the index into one segment. After a bulk build it is in many, and each query term is looked up in every
     * segment's term dictionary; merged, once. Publishes later add small segments, which Lucene merges as it goes.
     */
    public synchronized void compact() {
        try {
            writer.forceMerge(1);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Saves this index as it is now into {@code folder}/{@code fingerprint} (a folder of Lucene files plus the phrasings'
     * concepts), for {@link #load} at the next start: written into a temporary folder and moved into place at once, so
     * a reader (another replica starting from the same folder) never sees half of it. Other saved versions are removed.
     */
    public void save(Path folder, String fingerprint) throws IOException {
        Files.createDirectories(folder);
        Path target = folder.resolve(fingerprint);
        Path tmp = Files.createTempDirectory(folder, ".saving-");
        try {
            synchronized (this) {
                writer.setLiveCommitData(Map.of(FINGERPRINT, fingerprint, LOCALES, String.join(",", new java.util.TreeSet<>(locales))).entrySet());
                writer.commit();
                List<String> files = new ArrayList<>(SegmentInfos.readLatestCommit(directory).files(true));
                try (FSDirectory out = FSDirectory.open(tmp)) {
                    for (String file : files) {
                        out.copyFrom(directory, file, file, IOContext.DEFAULT);
                    }
                    out.sync(files);
                }
                Files.write(tmp.resolve(CONCEPTS_FILE), concepts.export(), StandardCharsets.UTF_8);
            }
            if (!Files.exists(target)) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            deleteTree(tmp);
        }
        try (var entries = Files.list(folder)) {
            for (Path old : entries.filter(e -> !e.equals(target) && !e.getFileName().toString().startsWith(".")).toList()) {
                deleteTree(old);
            }
        }
    }

    /**
     * The index saved by {@link #save} under {@code folder} for {@code fingerprint}, read into memory; empty when there is
     * none, or it cannot be read (then the caller builds it again).
     */
    public static Optional<FaqIndex> load(Path folder, String fingerprint, Weights weights, ConceptLexicon lexicon) {
        Path saved = folder.resolve(fingerprint);
        if (!Files.isDirectory(saved)) {
            return Optional.empty();
        }
        ByteBuffersDirectory memory = memory();
        try {
            try (FSDirectory in = FSDirectory.open(saved)) {
                for (String file : in.listAll()) {
                    if (!file.equals(CONCEPTS_FILE)) {
                        memory.copyFrom(in, file, file, IOContext.READONCE);
                    }
                }
            }
            Map<String, String> data = SegmentInfos.readLatestCommit(memory).getUserData();
            if (!fingerprint.equals(data.get(FINGERPRINT))) {
                return Optional.empty();
            }
            FaqIndex index = new FaqIndex(weights, lexicon, memory, IndexWriterConfig.OpenMode.APPEND, LONG_POSTINGS);
            String locales = data.getOrDefault(LOCALES, "");
            if (!locales.isEmpty()) {
                index.locales.addAll(List.of(locales.split(",")));
            }
            Map<String, List<Set<String>>> sets = ConceptIndex.parse(Files.readAllLines(saved.resolve(CONCEPTS_FILE), StandardCharsets.UTF_8));
            index.concepts.replace(sets.keySet(), sets);
            return Optional.of(index);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A digest of the class files that decide what the index holds (this class, the analysers, the concept lexicon and
     * index, with their nested and anonymous classes) and the Lucene and ICU versions: a saved index built by other code
     * is never read back.
     */
    public static String codeVersion() {
        String version = codeVersion;
        if (version == null) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            for (Class<?> type : List.of(FaqIndex.class, AnalyzerRegistry.class, ConceptLexicon.class, ConceptIndex.class)) {
                String base = type.getName().replace('.', '/');
                List<String> names = new ArrayList<>(List.of(base + ".class"));
                for (int i = 1; i <= 20; i++) {
                    names.add(base + "$" + i + ".class");
                }
                for (Class<?> nested : type.getDeclaredClasses()) {
                    names.add(nested.getName().replace('.', '/') + ".class");
                }
                for (String name : names) {
                    try (java.io.InputStream in = type.getClassLoader().getResourceAsStream(name)) {
                        if (in != null) {
                            crc.update(name.getBytes(StandardCharsets.UTF_8));
                            crc.update(in.readAllBytes());
                        }
                    } catch (IOException e) {
                        crc.update(name.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            version = codeVersion = Long.toHexString(crc.getValue()) + " lucene " + org.apache.lucene.util.Version.LATEST
                    + " icu " + com.ibm.icu.util.VersionInfo.ICU_VERSION;
        }
        return version;
    }

    private static volatile String codeVersion;

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Replaces every phrasing of the given topic/locale pairs with {@code phrases}, searchable when this returns. */
    public void replace(Collection<String> topicLocaleKeys, List<Phrase> phrases) {
        replace(topicLocaleKeys, phrases, Map.of());
    }

    /**
     * As {@link #replace(Collection, List)}, with the answers of the topics (by {@link #key}): their words
     * count a little towards the topic as a whole.
     */
    public synchronized void replace(Collection<String> topicLocaleKeys, List<Phrase> phrases, Map<String, String> answers) {
        try {
            for (String key : topicLocaleKeys) {
                writer.deleteDocuments(new Term(KEY, key));
            }
            Map<Phrase, StringBuilder> topicTexts = new LinkedHashMap<>();
            Map<String, List<Set<String>>> conceptsByKey = new HashMap<>();
            for (Phrase p : phrases) {
                topicTexts.computeIfAbsent(new Phrase(p.topic(), p.locale(), ""), k -> new StringBuilder()).append(p.text()).append('\n');
                conceptsByKey.computeIfAbsent(key(p.topic(), p.locale()), k -> new ArrayList<>())
                        .add(lexicon.concepts(p.text(), readWith(p.locale())));
                Document doc = new Document();
                doc.add(new SortedDocValuesField(TOPIC, new BytesRef(p.topic())));
                doc.add(new SortedDocValuesField(RUN, new BytesRef(p.locale() + " phrasing")));
                doc.add(new StringField(KEY, key(p.topic(), p.locale()), Field.Store.NO));
                doc.add(new TextField("w_" + p.locale(), p.text(), Field.Store.NO));
                doc.add(new TextField("g_" + p.locale(), p.text(), Field.Store.NO));
                writer.addDocument(doc);
                locales.add(p.locale());
            }
            // one more document per topic and locale with all its phrasings: it rewards topics whose phrasings
            // together cover the question's words, where one short phrasing may match a few words by chance
            for (Map.Entry<Phrase, StringBuilder> e : topicTexts.entrySet()) {
                // topic ids may contain '/' (intent data sets do), so topic and locale are kept apart, not split from the key
                String topic = e.getKey().topic();
                String locale = e.getKey().locale();
                Document doc = new Document();
                doc.add(new SortedDocValuesField(TOPIC, new BytesRef(topic)));
                doc.add(new SortedDocValuesField(RUN, new BytesRef(locale + " topic")));
                doc.add(new StringField(KEY, key(topic, locale), Field.Store.NO));
                doc.add(new TextField("tw_" + locale, e.getValue().toString(), Field.Store.NO));
                doc.add(new TextField("tg_" + locale, e.getValue().toString(), Field.Store.NO));
                String answer = answerShare > 0 ? answers.get(key(topic, locale)) : null;
                if (answer != null) {
                    doc.add(new TextField("aw_" + locale, answer, Field.Store.NO));
                }
                writer.addDocument(doc);
            }
            searchers.maybeRefreshBlocking();
            concepts.replace(topicLocaleKeys, conceptsByKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lexicons a text of {@code locale} is read with: its own, then English's and Korean's, which residents mix in. */
    private static List<String> readWith(String locale) {
        return locale.equals("en") || locale.equals("ko") ? List.of(locale, locale.equals("en") ? "ko" : "en") : List.of(locale, "en", "ko");
    }

    /**
     * The share of {@code topic}'s phrasings, over every locale, that mention {@code concept}: how much the concept
     * belongs to the topic (0 when it never comes up in the ways residents ask it).
     */
    public double conceptShare(String topic, String concept) {
        return concepts.share(topic, concept);
    }

    /** The concept ids that {@code text}, written in {@code locale}, mentions (see {@link ConceptLexicon}). */
    public Set<String> concepts(String text, String locale) {
        return lexicon.concepts(text, readWith(locale));
    }

    /**
     * Each topic's confidence that it is about {@code concepts}, over the phrasings of every locale: the concept
     * counterpart of {@link #search}, best first.
     */
    public Map<String, Double> searchConcepts(Set<String> asked) {
        return concepts.search(asked);
    }

    public static String key(String topic, String locale) {
        return topic + "/" + locale;
    }

    /** The best topics for {@code text} among the phrasings of {@code locale}, best first. */
    public List<TopicHit> search(String text, String locale, int max) {
        if (!locales.contains(locale)) {
            return List.of();
        }
        String query = text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text;
        Map<String, Integer> words = terms(analyzers.words(locale), "w_" + locale, query);
        Map<String, Integer> grams = terms(analyzers.grams(locale), "g_" + locale, query);
        if (words.isEmpty() && grams.isEmpty()) {
            return List.of();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                searcher.setSimilarity(SIMILARITY);
                Map<String, Double> phrase = confidences(searcher, "w_" + locale, "g_" + locale, words, grams);
                Map<String, Double> topical = confidences(searcher, "tw_" + locale, "tg_" + locale, words, grams);
                if (answerShare > 0) {
                    Map<String, Double> answered = confidences(searcher, "aw_" + locale, "ag_" + locale, words, Map.of());
                    topical.replaceAll((t, c) -> (1 - answerShare) * c + answerShare * answered.getOrDefault(t, 0.0));
                }
                Map<String, Double> combined = new LinkedHashMap<>();
                phrase.forEach((topic, c) -> combined.put(topic, phraseShare * c + (1 - phraseShare) * topical.getOrDefault(topic, 0.0)));
                topical.forEach((topic, c) -> combined.putIfAbsent(topic, (1 - phraseShare) * c));
                List<TopicHit> hits = new ArrayList<>();
                combined.forEach((topic, c) -> hits.add(new TopicHit(topic, locale, c)));
                hits.sort(Comparator.comparingDouble(TopicHit::score).reversed());
                return hits.size() > max ? List.copyOf(hits.subList(0, max)) : List.copyOf(hits);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each topic's best score in the given fields, divided by the query's score against itself. */
    private Map<String, Double> confidences(IndexSearcher searcher, String wordField, String gramField,
            Map<String, Integer> words, Map<String, Integer> grams) throws IOException {
        Clauses clauses = new Clauses(longPostings);
        double self = addTerms(clauses, searcher, wordField, words, 1f) + addTerms(clauses, searcher, gramField, grams, gramWeight);
        Map<String, Double> best = new LinkedHashMap<>();
        if (self <= 0) {
            return best;
        }
        // the best HITS exactly, without counting every match: once HITS are collected, Lucene skips documents that cannot
        // enter the top (block-max scores), which is what keeps a query fast on a large knowledge base
        TopDocs top;
        if (clauses.common == 0 || clauses.selective == 0) {
            top = searcher.search(clauses.all(), new TopScoreDocCollectorManager(HITS, HITS));
        } else {
            // a large knowledge base: candidates from the selective terms, then every term's exact score for them
            TopDocs candidates = searcher.search(clauses.rare.build(), new TopScoreDocCollectorManager(CANDIDATES, CANDIDATES));
            top = rescore(searcher, clauses.queries, candidates, HITS);
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (ScoreDoc sd : top.scoreDocs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
            best.merge(topics(leaf.reader())[sd.doc - leaf.docBase], sd.score / self, Math::max);
        }
        return best;
    }

    /**
     * The topic id of each document of a segment, read once from its doc values and kept while the segment lives
     * (segments never change; a replaced topic's documents are deleted, and deleted documents are never hits). Reading
     * the topic of every hit from stored fields instead cost a decompression per hit, the largest single cost of a turn.
     */
    private String[] topics(LeafReader reader) throws IOException {
        return topicsBySegment.get(reader, FaqIndex::readTopics);
    }

    private static String[] readTopics(LeafReader reader) throws IOException {
        String[] byDoc = new String[reader.maxDoc()];
        SortedDocValues values = reader.getSortedDocValues(TOPIC);
        if (values != null) {
            String[] byOrd = new String[values.getValueCount()];
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                int ord = values.ordValue();
                if (byOrd[ord] == null) {
                    byOrd[ord] = values.lookupOrd(ord).utf8ToString();
                }
                byDoc[doc] = byOrd[ord];
            }
        }
        return byDoc;
    }

    /**
     * Adds a clause per term the field knows to {@code builder} (one lookup of each term in the term dictionary, shared by
     * the query and this count), and answers the BM25 score the query would get against a document identical to it,
     * with this index's statistics; a term the index has never seen counts with the highest idf, so unknown words lower
     * the confidence.
     */
    private double addTerms(Clauses clauses, IndexSearcher searcher, String field, Map<String, Integer> terms,
            float weight) throws IOException {
        if (terms.isEmpty()) {
            return 0;
        }
        CollectionStatistics stats = searcher.collectionStatistics(field);
        long docs = stats == null ? 1 : stats.docCount();
        double avgLength = stats == null ? 1 : (double) stats.sumTotalTermFreq() / stats.docCount();
        int length = terms.values().stream().mapToInt(Integer::intValue).sum();
        float k1 = field.startsWith("t") ? TOPIC_K1 : K1;
        float b = field.startsWith("t") ? TOPIC_B : B;
        double score = 0;
        for (Map.Entry<String, Integer> e : terms.entrySet()) {
            Term term = new Term(field, e.getKey());
            TermStates states = lookUp(searcher, term);
            int df = states.docFreq();
            if (df > 0) {
                Query query = new TermQuery(term, states);
                clauses.add(weight == 1f ? query : new BoostQuery(query, weight), df);
            }
            double idf = Math.log(1 + (docs - df + 0.5) / (df + 0.5));
            double tf = e.getValue();
            score += weight * idf * tf / (tf + k1 * (1 - b + b * length / avgLength));
        }
        return score;
    }

    /**
     * The term's entry in the term dictionary of {@code searcher}'s reader (each segment's position of its postings, its
     * statistics), looked up once while that reader is current: residents' questions share most of their words and
     * character n-grams, and the look-ups were a third of a search's time once norms came from arrays. A publish opens a
     * new reader, and with it a new cache; a look-up built with statistics is never changed after, so threads share it.
     */
    private TermStates lookUp(IndexSearcher searcher, Term term) throws IOException {
        TermCache cache = termCache;
        if (cache.reader() != searcher.getIndexReader() || cache.states().size() >= MAX_CACHED_TERMS) {
            // a new reader, or so many different terms (nonsense text, a flood of it) that it starts over
            cache = new TermCache(searcher.getIndexReader(), new ConcurrentHashMap<>());
            termCache = cache;
        }
        TermStates states = cache.states().get(term);
        if (states == null) {
            states = TermStates.build(searcher, term, true);
            cache.states().put(term, states);
        }
        return states;
    }

    /** Look-ups of one reader's terms ({@link #lookUp}). */
    private record TermCache(IndexReader reader, Map<Term, TermStates> states) {}

    /**
     * The second pass: each candidate's exact score for the whole query (the sum of its clauses' scores, as the
     * disjunction of all of them would give it), the best {@code n} of them, ties in the first pass's order. Each clause's
     * postings are advanced to the candidates in document order, as Lucene's {@code QueryRescorer} advances the
     * disjunction; without the disjunction's priority queue, which cost that rescorer most of its time on a large
     * knowledge base (a JFR profile of {@code bench/run scale}: 60 % of its samples in keeping the queue and summing).
     */
    static TopDocs rescore(IndexSearcher searcher, List<Query> clauses, TopDocs firstPass, int n) throws IOException {
        ScoreDoc[] hits = firstPass.scoreDocs.clone();
        float[] score = new float[hits.length];
        Integer[] byDoc = new Integer[hits.length];
        for (int i = 0; i < hits.length; i++) {
            byDoc[i] = i;
        }
        java.util.Arrays.sort(byDoc, Comparator.comparingInt(i -> hits[i].doc));
        List<Weight> weights = new ArrayList<>(clauses.size());
        for (Query clause : clauses) {
            weights.add(searcher.createWeight(searcher.rewrite(clause), ScoreMode.COMPLETE, 1f));
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Scorer[] scorers = new Scorer[weights.size()];
        int next = 0;
        for (LeafReaderContext leaf : leaves) {
            int end = leaf.docBase + leaf.reader().maxDoc();
            if (next >= byDoc.length || hits[byDoc[next]].doc >= end) {
                continue;
            }
            for (int c = 0; c < scorers.length; c++) {
                scorers[c] = weights.get(c).scorer(leaf);
            }
            for (; next < byDoc.length && hits[byDoc[next]].doc < end; next++) {
                int i = byDoc[next];
                int target = hits[i].doc - leaf.docBase;
                double sum = 0;
                boolean matched = false;
                for (Scorer scorer : scorers) {
                    if (scorer == null) {
                        continue;
                    }
                    int at = scorer.docID();
                    if (at < target) {
                        at = scorer.iterator().advance(target);
                    }
                    if (at == target) {
                        sum += scorer.score();
                        matched = true;
                    }
                }
                score[i] = matched ? (float) sum : 0f;
            }
        }
        Integer[] order = new Integer[hits.length];
        for (int i = 0; i < hits.length; i++) {
            order[i] = i;
        }
        // best first; a tie keeps the first pass's order
        java.util.Arrays.sort(order, (a, b) -> score[a] != score[b] ? Float.compare(score[b], score[a]) : Integer.compare(a, b));
        ScoreDoc[] best = new ScoreDoc[Math.min(n, hits.length)];
        for (int i = 0; i < best.length; i++) {
            best[i] = new ScoreDoc(hits[order[i]].doc, score[order[i]]);
        }
        return new TopDocs(firstPass.totalHits, best);
    }

    /** A query's term clauses: all of them, and those selective enough for a first pass (see {@link #LONG_POSTINGS}). */
    private static final class Clauses {
        final BooleanQuery.Builder rare = new BooleanQuery.Builder();
        final List<Query> queries = new ArrayList<>();
        final int longPostings;
        int selective;
        int common;

        Clauses(int longPostings) {
            this.longPostings = longPostings;
        }

        /** Every clause, as one query. */
        Query all() {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            queries.forEach(q -> all.add(q, BooleanClause.Occur.SHOULD));
            return all.build();
        }

        void add(Query query, int docFreq) {
            queries.add(query);
            if (docFreq > longPostings) {
                common++;
            } else {
                rare.add(query, BooleanClause.Occur.SHOULD);
                selective++;
            }
        }
    }

    private static Map<String, Integer> terms(Analyzer analyzer, String field, String text) {
        Map<String, Integer> terms = new HashMap<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < MAX_TERMS) {
                terms.merge(term.toString(), 1, Integer::sum);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }
}
