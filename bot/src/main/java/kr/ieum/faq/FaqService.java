package kr.ieum.faq;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kr.ieum.content.ContentPublished;
import kr.ieum.content.ContentService;
import kr.ieum.content.Localization;
import kr.ieum.content.Topic;
import kr.ieum.faq.index.ConceptLexicon;
import kr.ieum.faq.index.FaqIndex;
import kr.ieum.faq.index.TopicHit;
import kr.ieum.i18n.LocaleRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers residents' questions from the knowledge base, and only from it: a confident answer, a "did you mean"
 * with two or three topics, or an honest "I don't know". Searches the reader's locale first, then its fallback
 * chain (kk → ru → en) for topics the reader's locale lacks.
 */
@Context
public class FaqService {
    private static final Logger LOG = LoggerFactory.getLogger(FaqService.class);
    private static final int MAX_CANDIDATES = 3;
    /** Matches found only in a fallback locale's phrasings count a little less: the question is in another language. */
    private static final double FALLBACK_DISCOUNT = 0.9;
    /** A concept mentioned by fewer of a topic's phrasings than this is foreign to it; by this many, it belongs. */
    private static final double FOREIGN_SHARE = 0.03, BELONGING_SHARE = 0.2;

    private final FaqProperties properties;
    private final LocaleRegistry locales;
    private final FaqIndex index;
    private final ContentService content;
    private final Map<String, Localization> texts = new ConcurrentHashMap<>();
    private volatile List<Topic> topics;

    FaqService(ContentService content, FaqProperties properties, LocaleRegistry locales,
            @Value("${ieum.faq.index-cache:}") String indexCache) {
        this.properties = properties;
        this.locales = locales;
        this.content = content;
        long start = System.nanoTime();
        Map<String, Map<String, List<String>>> concepts = content.concepts();
        ConceptLexicon lexicon = new ConceptLexicon(concepts);
        this.topics = content.topics();
        List<Localization> all = content.published();
        Path cache = indexCache == null || indexCache.isBlank() ? null : Path.of(indexCache);
        String fingerprint = IndexFingerprint.of(all, concepts, properties.weights());
        Optional<FaqIndex> saved = cache == null ? Optional.empty() : FaqIndex.load(cache, fingerprint, properties.weights(), lexicon);
        if (saved.isPresent()) {
            this.index = saved.get();
            all.forEach(l -> texts.put(FaqIndex.key(l.topic(), l.locale()), l));
            LOG.info("Answer index ready: {} localizations, read from {} in {} ms", all.size(), cache, (System.nanoTime() - start) / 1_000_000);
            return;
        }
        this.index = new FaqIndex(properties.weights(), lexicon);
        index(all);
        index.compact();
        LOG.info("Answer index ready: {} localizations in {} ms", all.size(), (System.nanoTime() - start) / 1_000_000);
        if (cache != null) {
            Thread saver = new Thread(() -> save(cache, fingerprint), "answer-index-save");
            saver.setDaemon(true);
            saver.start();
        }
    }

    /** Saves the index just built for the next start (which then reads it instead of building it again). */
    private void save(Path cache, String fingerprint) {
        try {
            index.save(cache, fingerprint);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save the answer index to {} ({}); the next start builds it again", cache, e.getClass().getSimpleName());
        }
    }

    /**
     * Indexes what was published here or on another replica. A localization already indexed exactly as it is (the
     * echo of this replica's own start-up import, a reload after the listener reconnected) is not indexed again, nor is
     * an older revision than the one held: the reload after a reconnect reads every localization and may deliver them
     * after a publish that came later, which must not put the text from before it back.
     */
    @EventListener
    synchronized void onPublished(ContentPublished event) {
        topics = content.topics();
        List<Localization> changed = event.changed().stream().filter(l -> {
            Localization held = texts.get(FaqIndex.key(l.topic(), l.locale()));
            return held == null || (!l.equals(held) && l.revision() >= held.revision());
        }).toList();
        if (!changed.isEmpty()) {
            index(changed);
        }
    }

    private void index(List<Localization> changed) {
        List<String> keys = new ArrayList<>();
        List<FaqIndex.Phrase> phrases = new ArrayList<>();
        Map<String, String> answers = new HashMap<>();
        for (Localization l : changed) {
            String key = FaqIndex.key(l.topic(), l.locale());
            keys.add(key);
            answers.put(key, l.answer());
            phrases.add(new FaqIndex.Phrase(l.topic(), l.locale(), l.question()));
            l.alternates().forEach(a -> phrases.add(new FaqIndex.Phrase(l.topic(), l.locale(), a)));
            texts.put(key, l);
        }
        index.replace(keys, phrases, answers);
    }

    /** Finds what the knowledge base has for {@code question}, asked in {@code locale}. */
    public FaqResult ask(String question, String locale) {
        return ask(question, locale, null);
    }

    /**
     * As {@link #ask(String, String)}, for a resident who reads {@code locale} but typed this question in
     * {@code typedIn} (say, English words after choosing Vietnamese): that language's phrasings count in full.
     */
    public FaqResult ask(String question, String locale, String typedIn) {
        java.util.Set<String> concepts = conceptsOf(question, locale, typedIn);
        return decide(rank(question, locale, typedIn, concepts), concepts);
    }

    /**
     * Why {@link #ask(String, String)} decides as it does, for staff trying questions in the console: every topic that
     * matched with its score, best first, the decision, and the thresholds it was made with.
     */
    public Explanation explain(String question, String locale) {
        java.util.Set<String> concepts = conceptsOf(question, locale, null);
        List<Map.Entry<String, Double>> ranked = rank(question, locale, null, concepts);
        List<Explanation.Ranked> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : ranked) {
            out.add(new Explanation.Ranked(e.getKey(), round(e.getValue())));
        }
        return new Explanation(List.copyOf(out), decide(ranked, concepts), properties.answerThreshold(), properties.clarifyThreshold(),
                properties.closeCallMargin());
    }

    private List<Map.Entry<String, Double>> rank(String question, String locale, String typedIn, java.util.Set<String> asked) {
        Map<String, Double> byTopic = new LinkedHashMap<>();
        if (typedIn != null && !typedIn.equals(locale) && locales.supports(typedIn)) {
            for (TopicHit hit : index.search(question, typedIn, 8)) {
                byTopic.merge(hit.topic(), hit.score(), Math::max);
            }
        }
        List<String> chain = locales.chain(locale);
        for (int i = 0; i < chain.size(); i++) {
            double discount = i == 0 ? 1.0 : FALLBACK_DISCOUNT;
            for (TopicHit hit : index.search(question, chain.get(i), 8)) {
                byTopic.merge(hit.topic(), hit.score() * discount, Math::max);
            }
            if (i == 0 && !byTopic.isEmpty() && best(byTopic) >= properties.answerThreshold()) {
                break;
            }
        }
        double weight = properties.conceptWeight();
        Map<String, Double> concepts = weight > 0 ? index.searchConcepts(asked) : Map.of();
        if (!concepts.isEmpty()) {
            byTopic.replaceAll((topic, score) -> (1 - weight) * score + weight * concepts.getOrDefault(topic, 0.0));
            concepts.forEach((topic, c) -> byTopic.putIfAbsent(topic, weight * c));
        }
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(byTopic.entrySet());
        ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        return ranked;
    }

    private java.util.Set<String> conceptsOf(String question, String locale, String typedIn) {
        java.util.Set<String> concepts = new java.util.LinkedHashSet<>(index.concepts(question, locale));
        if (typedIn != null && !typedIn.equals(locale)) {
            concepts.addAll(index.concepts(question, typedIn));
        }
        return concepts;
    }

    /** True when a concept of the question is foreign to topic {@code best} but belongs to {@code other}. */
    private boolean contradicts(String best, String other, java.util.Set<String> asked) {
        for (String concept : asked) {
            if (index.conceptShare(best, concept) < FOREIGN_SHARE && index.conceptShare(other, concept) >= BELONGING_SHARE) {
                return true;
            }
        }
        return false;
    }

    private FaqResult decide(List<Map.Entry<String, Double>> ranked, java.util.Set<String> asked) {
        if (ranked.isEmpty() || ranked.get(0).getValue() < properties.clarifyThreshold()) {
            double confidence = ranked.isEmpty() ? 0 : ranked.get(0).getValue();
            return new FaqResult(FaqResult.Outcome.UNANSWERED, null, List.of(), round(confidence));
        }
        double top = Math.min(1.0, ranked.get(0).getValue());
        // a topic and the topics refining the same outline topic are one family: only another family's runner-up makes
        // the answer a close call, and a "did you mean" offers each family once (its best topic)
        Map<String, Map.Entry<String, Double>> bestPerFamily = new LinkedHashMap<>();
        ranked.forEach(e -> bestPerFamily.putIfAbsent(family(e.getKey()), e));
        List<Map.Entry<String, Double>> families = new ArrayList<>(bestPerFamily.values());
        double best = families.get(0).getValue();
        boolean closeCall = families.size() > 1 && best - families.get(1).getValue() < properties.closeCallMargin();
        // a question that a decline topic (outside what Ieum knows) matches nearly as well is not answered outright
        closeCall |= families.stream().skip(1).anyMatch(e -> declines(e.getKey()) && best - e.getValue() < properties.declineMargin());
        // the question mentions a concept that residents never use asking the best topic, and a close runner-up's
        // phrasings do ("card ... lost" answered with the lost-phone topic): ask which one is meant
        closeCall |= families.stream().skip(1).limit(2).anyMatch(e -> best - e.getValue() < properties.conceptMargin()
                && contradicts(families.get(0).getKey(), e.getKey(), asked));
        if (top >= properties.answerThreshold() && !closeCall) {
            return new FaqResult(FaqResult.Outcome.ANSWERED, ranked.get(0).getKey(), List.of(), round(top));
        }
        List<String> candidates = new ArrayList<>();
        for (Map.Entry<String, Double> e : families) {
            if (candidates.size() < MAX_CANDIDATES && e.getValue() >= properties.clarifyThreshold() * 0.8) {
                candidates.add(e.getKey());
            }
        }
        if (candidates.size() == 1 && families.size() > 1) {
            candidates.add(families.get(1).getKey());
        }
        return new FaqResult(FaqResult.Outcome.CLARIFY, null, List.copyOf(candidates), round(top));
    }

    /** The topic's text for a reader of {@code locale}: theirs if it exists, else the first of the fallback chain. */
    public Optional<Answer> text(String topic, String locale) {
        List<String> chain = locales.chain(locale);
        for (int i = 0; i < chain.size(); i++) {
            Localization l = texts.get(FaqIndex.key(topic, chain.get(i)));
            if (l != null) {
                return Optional.of(new Answer(l, i > 0));
            }
        }
        return Optional.empty();
    }

    /**
     * True for a topic of category {@code decline}: questions the knowledge base recognises as outside what Ieum
     * knows (visa fees, passports, ...); its text says where to ask instead, and the turn counts as not answered.
     */
    public boolean declines(String topic) {
        return topics.stream().anyMatch(t -> t.id().equals(topic) && Topic.DECLINE.equals(t.category()));
    }

    /**
     * The content outline's id that {@code topic} is reported under: its parent when it refines an outline topic,
     * else itself (also for an id this service does not know).
     */
    public String family(String topic) {
        for (Topic t : topics) {
            if (t.id().equals(topic)) {
                return t.family();
            }
        }
        return topic;
    }

    /** The topics of the numbered MENU, in order. */
    public List<String> menu() {
        return topics.stream().filter(Topic::menu).sorted(Comparator.comparingInt(Topic::position)).map(Topic::id).toList();
    }

    private static double best(Map<String, Double> byTopic) {
        return byTopic.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    @PreDestroy
    void close() throws IOException {
        index.close();
    }
}
