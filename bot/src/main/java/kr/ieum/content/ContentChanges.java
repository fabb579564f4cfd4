package kr.ieum.content;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import kr.ieum.platform.PgListener;

/**
 * Publishing on one replica reaches every replica: {@link ContentStore} sends a PostgreSQL NOTIFY on
 * {@value #CHANNEL} with {@code topic/locale} in the publishing transaction, and this listener ({@link PgListener}, on
 * its own connection) reloads what changed and refreshes the answer index (on the publishing replica too, which is
 * harmless: a localization indexed as it is is not indexed again). After the database was away it reloads everything,
 * since notifications sent meanwhile are lost.
 */
@Context
class ContentChanges {
    static final String CHANNEL = "ieum_content";
    private final ContentStore store;
    private final ApplicationEventPublisher<ContentPublished> events;
    private final PgListener listener;

    ContentChanges(ContentStore store, ApplicationEventPublisher<ContentPublished> events,
            @Value("${datasources.default.url}") String url, @Nullable @Value("${datasources.default.username:}") String user,
            @Nullable @Value("${datasources.default.password:}") String password) {
        this.store = store;
        this.events = events;
        this.listener = new PgListener(CHANNEL, "published content", "content-changes", url, user, password, this::refresh,
                () -> events.publishEvent(new ContentPublished(store.localizations()))).start();
    }

    private void refresh(List<String> payloads) {
        List<Localization> changed = new ArrayList<>();
        for (String payload : payloads) {
            String[] parts = payload.split("/", 2);
            if (parts.length == 2) {
                store.localization(parts[0], parts[1]).ifPresent(changed::add);
            }
        }
        if (!changed.isEmpty()) {
            events.publishEvent(new ContentPublished(List.copyOf(changed)));
        }
    }

    @PreDestroy
    void stop() {
        listener.stop();
    }
}
