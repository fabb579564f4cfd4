package kr.ieum.channel.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import kr.ieum.channel.ChannelAdapter;
import kr.ieum.support.ServiceTest;
import org.junit.jupiter.api.Test;

/** Without mailbox credentials the e-mail channel stays off: no poller, no adapter (fail closed). */
@MicronautTest(startApplication = false)
@Property(name = "ieum.channels.email.imap-host", value = "imap.example.org")
@Property(name = "ieum.channels.email.smtp-host", value = "smtp.example.org")
@Property(name = "ieum.channels.email.from", value = "bot@example.org")
class EmailChannelOffIT extends ServiceTest {
    @Inject
    BeanContext context;
    @Inject
    EmailProperties properties;

    @Test
    void staysOffWhenTheMailboxLoginIsMissing() {
        assertFalse(context.containsBean(EmailPoller.class));
        assertFalse(context.containsBean(EmailChannel.class));
        assertFalse(context.getBeansOfType(ChannelAdapter.class).stream().anyMatch(a -> a.channel().equals("email")));
        assertEquals(List.of("MAIL_IMAP_USER", "MAIL_IMAP_PASSWORD"), properties.missing());
    }

    @Test
    void bindsTheDocumentedDefaults() {
        assertEquals(Duration.ofSeconds(30), properties.poll());
        assertEquals(10, properties.rateLimit());
        assertEquals(Duration.ofHours(1), properties.rateWindow());
        assertEquals(993, properties.imapPort());
        assertEquals(587, properties.smtpPort());
        assertEquals(true, properties.imapSsl());
        assertEquals(true, properties.smtpStarttls());
    }
}
