package kr.ieum.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kr.ieum.content.ContentReader;
import kr.ieum.content.ContentSet;
import kr.ieum.content.Localization;
import kr.ieum.faq.index.FaqIndex;
import kr.ieum.i18n.LocalesLoader;

/** The project's real knowledge base ({@code content/}), read as the service reads it, and turned into index phrasings. */
final class KnowledgeBase {
    final List<Localization> localizations;
    final List<String> locales;

    private KnowledgeBase(List<Localization> localizations, List<String> locales) {
        this.localizations = localizations;
        this.locales = locales;
    }

    static KnowledgeBase load() {
        List<String> tags = LocalesLoader.registry(BenchEnv.locales()).tags();
        ContentSet set = ContentReader.read(BenchEnv.content(), new HashSet<>(tags));
        if (!set.valid()) {
            throw new IllegalStateException("content/ has problems: " + set.problems());
        }
        return new KnowledgeBase(set.localizations(), tags);
    }

    /** The topic/locale keys of {@code localizations}, as FaqService passes them to {@link FaqIndex#replace}. */
    static Set<String> keys(List<Localization> localizations) {
        Set<String> keys = new LinkedHashSet<>();
        localizations.forEach(l -> keys.add(FaqIndex.key(l.topic(), l.locale())));
        return keys;
    }

    /** Question and alternates of each localization, one phrasing each, as FaqService indexes them. */
    static List<FaqIndex.Phrase> phrases(List<Localization> localizations) {
        List<FaqIndex.Phrase> phrases = new ArrayList<>();
        for (Localization l : localizations) {
            phrases.add(new FaqIndex.Phrase(l.topic(), l.locale(), l.question()));
            l.alternates().forEach(a -> phrases.add(new FaqIndex.Phrase(l.topic(), l.locale(), a)));
        }
        return phrases;
    }

    /** A new index holding the whole knowledge base, built the service's way. */
    FaqIndex index(float gramWeight) {
        FaqIndex index = new FaqIndex(gramWeight);
        index.replace(keys(localizations), phrases(localizations));
        return index;
    }
}
