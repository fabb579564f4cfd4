package kr.ieum.content;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.ieum.i18n.LocaleRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base as the service sees it. On first start the {@code content/} files are imported into
 * PostgreSQL; from then on the store, with its revision history, is the truth, and publishing a
 * localization refreshes the answer index without a restart.
 */
@Singleton
public class ContentService {
    private static final Logger LOG = LoggerFactory.getLogger(ContentService.class);
    private final ContentStore store;
    private final ContentProperties properties;
    private final LocaleRegistry locales;
    private final ApplicationEventPublisher<ContentPublished> events;
    private final Clock clock;
    private volatile boolean ready;
    private volatile ContentSet files;

    ContentService(ContentStore store, ContentProperties properties, LocaleRegistry locales,
            ApplicationEventPublisher<ContentPublished> events, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.properties = properties;
        this.locales = locales;
        this.events = events;
    }

    /** The topics, in menu order. */
    public List<Topic> topics() {
        ensureImported();
        return store.topics();
    }

    /** Every published localization. */
    public List<Localization> published() {
        ensureImported();
        return store.localizations();
    }

    /** The guided journeys, read from the files once (staff edit them in the files for now). */
    public List<Journey> journeys() {
        return files().journeys();
    }

    /** The immigration offices, read from the files once. */
    public List<Office> offices() {
        return files().offices();
    }

    /**
     * The concept lexicon (locale → concept id → words), read from the files once. Files broken elsewhere do not keep
     * the service from answering with what the database holds: then the lexicon is used as read, or not at all when
     * its own files are broken.
     */
    public Map<String, Map<String, List<String>>> concepts() {
        try {
            return files().concepts();
        } catch (InvalidContent e) {
            ContentSet set = ContentReader.read(properties.directory(), new HashSet<>(locales.tags()));
            boolean broken = set.problems().stream().anyMatch(p -> p.file().contains("concepts/"));
            LOG.warn("The content files have {} problems (see 'content validate'); answers use {}", set.problems().size(),
                    broken ? "no concept lexicon" : "the concept lexicon as read");
            return broken ? Map.of() : set.concepts();
        }
    }

    private ContentSet files() {
        ContentSet set = files;
        if (set == null) {
            set = readFiles();
            if (!set.valid()) {
                throw new InvalidContent(set.problems());
            }
        }
        return set;
    }

    /** The files as read ahead at start-up ({@link ContentPreload}) or read now, kept for later when they are valid. */
    private ContentSet readFiles() {
        Set<String> tags = new HashSet<>(locales.tags());
        ContentSet set = ContentPreload.take(properties.directory(), tags).orElseGet(() -> ContentReader.read(properties.directory(), tags));
        if (set.valid()) {
            files = set;
        }
        return set;
    }

    /** Reads the files again and publishes what changed; fails with the problems when the files are invalid. */
    public int importFiles(String by) {
        ContentSet set = ContentReader.read(properties.directory(), new HashSet<>(locales.tags()));
        if (!set.valid()) {
            throw new InvalidContent(set.problems());
        }
        List<Localization> changed = store.importAll(set, by);
        if (!changed.isEmpty()) {
            events.publishEvent(new ContentPublished(changed));
        }
        return changed.size();
    }

    /** Publishes one localization (an editor's change): a new revision, then the index refresh. */
    public void publish(Localization localization, String by) {
        ensureImported();
        store.save(localization, by);
        events.publishEvent(new ContentPublished(List.of(localization)));
    }

    /** The published text of one topic in one locale. */
    public Optional<Localization> published(String topic, String locale) {
        ensureImported();
        return store.localization(topic, locale);
    }

    /** The draft waiting for one topic in one locale, if any. */
    public Optional<Draft> draft(String topic, String locale) {
        ensureImported();
        return store.draft(topic, locale);
    }

    /** Every draft, oldest first. */
    public List<Draft> drafts() {
        ensureImported();
        return store.drafts();
    }

    /** Every published version, newest first. */
    public List<Revision> history(String topic, String locale) {
        ensureImported();
        return store.history(topic, locale);
    }

    /**
     * The locale a translation of {@code topic} into {@code locale} is made from: what its published text says, else the
     * topic's source text (English first, then Korean, then any), else {@code locale} itself (nothing is published yet, so
     * the first text is a source).
     */
    public String sourceLocale(String topic, String locale) {
        Optional<Localization> own = published(topic, locale);
        if (own.isPresent()) {
            return own.get().translatedFrom() == null ? locale : own.get().translatedFrom();
        }
        return sourceOf(topic).orElse(locale);
    }

    /** The published localizations of one topic (empty: never published, in any language). */
    public List<Localization> published(String topic) {
        ensureImported();
        return store.localizationsOf(topic);
    }

    private Optional<String> sourceOf(String topic) {
        List<String> sources = store.localizationsOf(topic).stream()
                .filter(l -> Localization.SOURCE.equals(l.status())).map(Localization::locale).toList();
        return SOURCE_PREFERENCE.stream().filter(sources::contains).findFirst().or(() -> sources.stream().sorted().findFirst());
    }

    private static final List<String> SOURCE_PREFERENCE = List.of("en", "ko");
    private static final Pattern TOPIC_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * Starts a new topic from a resident's question (an unanswered one, as stored): the topic goes after the last one, out
     * of the menu, and the question becomes the question of a draft in its language, for an editor to complete and a
     * reviewer to publish. The first text published of a topic is its source. Fails with the problems when the id or the
     * category cannot be used.
     */
    public Draft startTopic(String id, String category, String locale, String question, String by) {
        ensureImported();
        List<String> problems = new ArrayList<>();
        if (id.length() > 64 || !TOPIC_ID.matcher(id).matches()) {
            problems.add("id: '" + id + "' must be lower-case words joined by '-', at most 64 characters");
        }
        if (category.length() > 32 || !TOPIC_ID.matcher(category).matches()) {
            problems.add("category: '" + category + "' must be lower-case words joined by '-', at most 32 characters");
        }
        if (question.isBlank() || !locales.tags().contains(locale)) {
            problems.add("question: missing");
        }
        if (problems.isEmpty() && !store.addTopic(id, category)) {
            problems.add("id: topic '" + id + "' exists already");
        }
        if (!problems.isEmpty()) {
            throw new InvalidDraft(problems);
        }
        Draft d = new Draft(id, locale, question.strip(), List.of(), "", "", Draft.DRAFT, null, by, clock.instant(),
                "started from a resident's question");
        store.saveDraft(d);
        return d;
    }

    /** Removes a topic never published in any language, with its drafts (a topic started by mistake); false otherwise. */
    public boolean removeUnpublishedTopic(String id) {
        ensureImported();
        return store.removeUnpublishedTopic(id);
    }

    /**
     * Saves an editor's text as the draft of a topic in a locale (replacing an earlier draft; a draft in review goes
     * back to being edited). Answers the problems that would stop it from being published; it is saved regardless,
     * so nothing typed is lost.
     */
    public List<String> saveDraft(String topic, String locale, String question, List<String> alternates, String answer,
            String sms, String by) {
        ensureImported();
        List<String> cleaned = alternates.stream().map(String::strip).filter(a -> !a.isEmpty()).distinct().toList();
        Integer basedOn = store.localization(topic, locale).map(Localization::revision).orElse(null);
        Draft d = new Draft(topic, locale, question.strip(), cleaned, answer.strip(), sms.strip(), Draft.DRAFT, basedOn, by,
                clock.instant(), null);
        store.saveDraft(d);
        return check(d);
    }

    /**
     * Adds a resident's wording as an alternate of a topic in a locale: to its draft if it has one (a draft in review goes
     * back to being edited), else to a new draft from the published text. It reaches residents once reviewed and published.
     */
    public Draft addAlternate(String topic, String locale, String alternate, String by) {
        ensureImported();
        String phrase = alternate.strip();
        Optional<Draft> draft = store.draft(topic, locale);
        Optional<Localization> published = store.localization(topic, locale);
        List<String> alternates = new ArrayList<>(draft.map(Draft::alternates).or(() -> published.map(Localization::alternates)).orElse(List.of()));
        if (!alternates.contains(phrase)) {
            alternates.add(phrase);
        }
        Draft d = new Draft(topic, locale, draft.map(Draft::question).or(() -> published.map(Localization::question)).orElse(""),
                List.copyOf(alternates), draft.map(Draft::answer).or(() -> published.map(Localization::answer)).orElse(""),
                draft.map(Draft::sms).or(() -> published.map(Localization::sms)).orElse(""), Draft.DRAFT,
                published.map(Localization::revision).orElse(null), by, clock.instant(), draft.map(Draft::note).orElse(null));
        store.saveDraft(d);
        return d;
    }

    /** Saves several drafts at once, all or none (a translation file's import). */
    public void saveDrafts(List<Draft> drafts) {
        ensureImported();
        store.saveDrafts(drafts);
    }

    /** Moves a draft to review; fails with the problems when it could not be published as it is. */
    public Draft submit(String topic, String locale, String by) {
        Draft d = draft(topic, locale).orElseThrow(() -> new IllegalStateException("no draft for " + topic + "/" + locale));
        List<String> problems = check(d);
        if (!problems.isEmpty()) {
            throw new InvalidDraft(problems);
        }
        Draft review = new Draft(d.topic(), d.locale(), d.question(), d.alternates(), d.answer(), d.sms(), Draft.REVIEW,
                d.basedOn(), by, clock.instant(), d.note());
        store.saveDraft(review);
        return review;
    }

    /** Sends a draft in review back to its editor with a note. */
    public void reject(String topic, String locale, String note, String by) {
        Draft d = draft(topic, locale).orElseThrow(() -> new IllegalStateException("no draft for " + topic + "/" + locale));
        store.saveDraft(new Draft(d.topic(), d.locale(), d.question(), d.alternates(), d.answer(), d.sms(), Draft.DRAFT,
                d.basedOn(), by, clock.instant(), note == null || note.isBlank() ? null : note.strip()));
    }

    /**
     * A reviewer publishes the draft in review: a new revision residents read at once, on every replica. A translation
     * becomes {@code reviewed}, made from the source's current revision; a source text keeps {@code source}.
     */
    public Localization publishDraft(String topic, String locale, String by) {
        Draft d = draft(topic, locale).orElseThrow(() -> new IllegalStateException("no draft for " + topic + "/" + locale));
        if (!d.inReview()) {
            throw new IllegalStateException("the draft of " + topic + "/" + locale + " is not in review");
        }
        List<String> problems = check(d);
        if (!problems.isEmpty()) {
            throw new InvalidDraft(problems);
        }
        Optional<Localization> current = store.localization(topic, locale);
        String from = sourceLocale(topic, locale);
        boolean source = from.equals(locale);
        Integer sourceRevision = source ? null : store.localization(topic, from).map(Localization::revision).orElse(null);
        Localization published = new Localization(topic, locale, d.question(), d.alternates(), d.answer(), d.sms(),
                source ? Localization.SOURCE : Localization.REVIEWED, current.map(Localization::revision).orElse(0) + 1,
                source ? null : sourceRevision, source ? null : from, current.map(Localization::links).orElse(List.of()));
        store.save(published, by);
        store.deleteDraft(topic, locale);
        events.publishEvent(new ContentPublished(List.of(published)));
        return published;
    }

    /** Starts a draft from an earlier revision (a rollback is then reviewed and published like any change). */
    public Draft restore(String topic, String locale, long revisionId, String by) {
        Revision r = history(topic, locale).stream().filter(h -> h.id() == revisionId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no revision " + revisionId + " of " + topic + "/" + locale));
        Localization l = r.localization();
        Draft d = new Draft(topic, locale, l.question(), l.alternates(), l.answer(), l.sms(), Draft.DRAFT,
                store.localization(topic, locale).map(Localization::revision).orElse(null), by, clock.instant(),
                "restored from revision " + l.revision());
        store.saveDraft(d);
        return d;
    }

    /** Topics x locales: what residents of each locale read, and where work waits. */
    public Coverage coverage(List<String> localeTags) {
        ensureImported();
        Map<String, Localization> byKey = new HashMap<>();
        for (Localization l : store.localizations()) {
            byKey.put(l.topic() + "/" + l.locale(), l);
        }
        Map<String, String> drafts = new HashMap<>();
        for (Draft d : store.drafts()) {
            drafts.put(d.topic() + "/" + d.locale(), d.state());
        }
        Map<String, Map<String, Coverage.Cell>> cells = new LinkedHashMap<>();
        List<Topic> topics = store.topics();
        for (Topic t : topics) {
            Map<String, Coverage.Cell> row = new LinkedHashMap<>();
            for (String tag : localeTags) {
                Localization l = byKey.get(t.id() + "/" + tag);
                String draft = drafts.get(t.id() + "/" + tag);
                Localization source = l == null || l.translatedFrom() == null ? null : byKey.get(t.id() + "/" + l.translatedFrom());
                row.put(tag, new Coverage.Cell(l == null ? Coverage.State.MISSING : Coverage.stateOf(l, source), draft));
            }
            cells.put(t.id(), row);
        }
        return new Coverage(topics, List.copyOf(localeTags), cells);
    }

    private static final Pattern TOPIC_LINK = Pattern.compile("\\]\\(topic:([^)\\s]*)\\)");

    /** What would stop a draft from being published: the rules {@code content validate} applies to files. */
    public List<String> problems(Draft d) {
        return check(d);
    }

    List<String> check(Draft d) {
        List<String> problems = new ArrayList<>();
        if (d.question().isBlank()) {
            problems.add("question: missing");
        }
        if (d.answer().isBlank()) {
            problems.add("answer: missing");
        } else if (ContentReader.graphemes(d.answer()) > ContentReader.MAX_ANSWER) {
            problems.add("answer: " + ContentReader.graphemes(d.answer()) + " characters, at most " + ContentReader.MAX_ANSWER);
        }
        if (d.sms().isBlank()) {
            problems.add("sms: missing");
        } else if (d.sms().codePointCount(0, d.sms().length()) > ContentReader.MAX_SMS) {
            problems.add("sms: " + d.sms().codePointCount(0, d.sms().length()) + " characters, at most " + ContentReader.MAX_SMS);
        }
        if (d.alternates().size() < ContentReader.MIN_ALTERNATES) {
            problems.add("alternates: " + d.alternates().size() + ", at least " + ContentReader.MIN_ALTERNATES);
        }
        Set<String> topicIds = new HashSet<>();
        store.topics().forEach(t -> topicIds.add(t.id()));
        Matcher m = TOPIC_LINK.matcher(d.answer());
        while (m.find()) {
            if (!topicIds.contains(m.group(1))) {
                problems.add("answer: broken link 'topic:" + m.group(1) + "': no such topic");
            }
        }
        Map<String, String> owner = new HashMap<>();
        for (Localization l : store.localizations()) {
            if (l.locale().equals(d.locale()) && !l.topic().equals(d.topic())) {
                owner.put(ContentReader.normalise(l.question()), l.topic());
                l.alternates().forEach(a -> owner.put(ContentReader.normalise(a), l.topic()));
            }
        }
        List<String> phrases = new ArrayList<>(d.alternates());
        phrases.add(0, d.question());
        for (String phrase : phrases) {
            String other = owner.get(ContentReader.normalise(phrase));
            if (other != null) {
                problems.add("alternates: '" + phrase + "' is also used by topic " + other + ": a question must lead to one topic");
            }
        }
        return problems;
    }

    /**
     * At start-up: the files edited since the database last changed their topic in that language (a git pull, an editor
     * working on files) are published, or saved as drafts in review. Invalid files change nothing: the service keeps the
     * knowledge base it has and logs the problems.
     */
    private void importNewerFiles(boolean asDrafts) {
        ContentSet set = files != null ? files : readFiles();
        if (!set.valid()) {
            LOG.warn("{} has {} problems (run 'content validate'); kept the knowledge base in the database. First: {}",
                    properties.directory(), set.problems().size(), set.problems().get(0));
            return;
        }
        Map<String, java.time.Instant> updated = store.updatedAt();
        java.nio.file.Path faq = properties.directory().resolve("faq");
        List<Localization> changed = store.importSome(set, "files", l -> {
            java.time.Instant stored = updated.get(l.topic() + "/" + l.locale());
            if (stored == null) {
                return true;
            }
            try {
                return java.nio.file.Files.getLastModifiedTime(faq.resolve(l.topic()).resolve(l.locale() + ".md")).toInstant().isAfter(stored);
            } catch (java.io.IOException e) {
                return false;
            }
        }, asDrafts);
        if (!changed.isEmpty()) {
            LOG.info("{} files changed since the database last had them: {} ({})", changed.size(),
                    asDrafts ? "saved as drafts in review" : "published", changed.stream().limit(10)
                            .map(l -> l.topic() + "/" + l.locale()).toList());
        }
    }

    private void ensureImported() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (!ready) {
                if (store.isEmpty()) {
                    ContentSet set = files();
                    store.importAll(set, "import");
                    LOG.info("Imported {} topics and {} localizations from {}", set.topics().size(),
                            set.localizations().size(), properties.directory());
                } else if (!ContentProperties.OFF.equals(properties.importOnStart())) {
                    importNewerFiles(ContentProperties.DRAFT.equals(properties.importOnStart()));
                }
                ready = true;
            }
        }
    }
}
