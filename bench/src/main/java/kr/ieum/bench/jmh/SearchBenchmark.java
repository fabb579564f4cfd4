package kr.ieum.bench.jmh;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kr.ieum.content.ContentReader;
import kr.ieum.content.ContentSet;
import kr.ieum.content.Localization;
import kr.ieum.faq.index.FaqIndex;
import kr.ieum.i18n.LocalesLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link FaqIndex#search} over the real knowledge base (content/, all locales), as the service builds it, and the
 * concept side of a question: reading its concepts with the lexicon (content/concepts) and searching them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SearchBenchmark {
    /** locale|question: resident-style questions in analyzers of different kinds (English, Korean, Chinese, Vietnamese, Russian). */
    @Param({"en|where do I download the app for the mobile residence card", "ko|새 폰으로 바꿨는데 다시 발급해야 하나요",
            "zh-Hans|换新手机要重新办吗", "vi|tai ung dung o dau", "ru|потерял телефон с мобильной картой"})
    public String query;

    private FaqIndex index;
    private String locale;
    private String text;

    @Setup
    public void setUp() {
        Paths paths = Paths.fromSystem();
        List<String> tags = LocalesLoader.registry(paths.locales()).tags();
        ContentSet set = ContentReader.read(paths.content(), new HashSet<>(tags));
        index = new FaqIndex(FaqIndex.Weights.DEFAULT, new kr.ieum.faq.index.ConceptLexicon(set.concepts()));
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        List<FaqIndex.Phrase> phrases = new java.util.ArrayList<>();
        for (Localization l : set.localizations()) {
            keys.add(FaqIndex.key(l.topic(), l.locale()));
            phrases.add(new FaqIndex.Phrase(l.topic(), l.locale(), l.question()));
            l.alternates().forEach(a -> phrases.add(new FaqIndex.Phrase(l.topic(), l.locale(), a)));
        }
        index.replace(keys, phrases);
        locale = query.substring(0, query.indexOf('|'));
        text = query.substring(query.indexOf('|') + 1);
    }

    @Benchmark
    public Object search() {
        return index.search(text, locale, 8);
    }

    @Benchmark
    public Object concepts() {
        return index.searchConcepts(index.concepts(text, locale));
    }

    @TearDown
    public void tearDown() throws IOException {
        index.close();
    }
}
