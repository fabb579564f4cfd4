package kr.ieum.content;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
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
    private volatile boolean ready;
    private volatile ContentSet files;

    ContentService(ContentStore store, ContentProperties properties, LocaleRegistry locales,
            ApplicationEventPublisher<ContentPublished> events) {
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

    private ContentSet files() {
        ContentSet set = files;
        if (set == null) {
            set = ContentReader.read(properties.directory(), new HashSet<>(locales.tags()));
            if (!set.valid()) {
                throw new InvalidContent(set.problems());
            }
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
                }
                ready = true;
            }
        }
    }
}
