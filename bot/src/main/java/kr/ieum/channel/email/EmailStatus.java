package kr.ieum.channel.email;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says once at start-up whether the e-mail channel is on, and if not, which settings are missing (names only). */
@Singleton
class EmailStatus {
    private static final Logger LOG = LoggerFactory.getLogger(EmailStatus.class);
    private final EmailProperties properties;

    EmailStatus(EmailProperties properties) {
        this.properties = properties;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        List<String> missing = properties.missing();
        if (!properties.enabled()) {
            LOG.info("email: channel off (ieum.channels.email.enabled is false)");
        } else if (!missing.isEmpty()) {
            LOG.info("email: channel off, not configured: {}", String.join(", ", missing));
        } else {
            LOG.info("email: channel on, reading the mailbox every {}", properties.poll());
        }
    }
}
