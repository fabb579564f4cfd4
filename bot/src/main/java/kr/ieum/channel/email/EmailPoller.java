package kr.ieum.channel.email;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.channel.InboundEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bot's IMAP inbox on a schedule: every unseen message is read (without setting \Seen), stored
 * through the dispatcher under its Message-ID, and only then marked \Seen. A crash between the two re-reads
 * the message on the next poll, where the inbox key makes it a harmless duplicate; a failed store leaves it
 * unseen. Auto-replies, bounces, lists, the bot's own mail and senders over the rate limit are marked seen and
 * skipped, counted in {@code ieum.email.skipped} by reason. Logs carry reason codes, never addresses or text.
 */
@Singleton
@Requires(property = "ieum.channels.email.enabled", value = "true")
@Requires(condition = EmailConfigured.class)
class EmailPoller {
    private static final Logger LOG = LoggerFactory.getLogger(EmailPoller.class);
    private final EmailProperties properties;
    private final ChannelDispatcher dispatcher;
    private final MeterRegistry meters;
    private final Session session;
    private final Set<String> ownAddresses;
    private volatile boolean failing;

    EmailPoller(EmailProperties properties, ChannelDispatcher dispatcher, MeterRegistry meters) {
        this.properties = properties;
        this.dispatcher = dispatcher;
        this.meters = meters;
        this.session = MailSessions.imap(properties);
        Set<String> own = new HashSet<>();
        own.add(properties.from().strip().toLowerCase(Locale.ROOT));
        if (properties.imapUser().contains("@")) {
            own.add(properties.imapUser().strip().toLowerCase(Locale.ROOT));
        }
        this.ownAddresses = Set.copyOf(own);
    }

    @Scheduled(fixedDelay = "${ieum.channels.email.poll:30s}", initialDelay = "${ieum.channels.email.poll:30s}")
    void poll() {
        try (Store store = session.getStore(MailSessions.imapProtocol(properties))) {
            store.connect(properties.imapHost(), properties.imapPort(), properties.imapUser(), properties.imapPassword());
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                Arrays.sort(unseen, (a, b) -> Integer.compare(a.getMessageNumber(), b.getMessageNumber()));
                int limit = Math.min(unseen.length, properties.batch());
                for (int i = 0; i < limit; i++) {
                    if (!handle(unseen[i], inbox, store)) {
                        break;
                    }
                }
            } finally {
                if (inbox.isOpen()) {
                    inbox.close(false);
                }
            }
            if (failing) {
                LOG.info("email: mailbox reachable again");
                failing = false;
            }
        } catch (MessagingException | RuntimeException e) {
            meters.counter("ieum.email.poll.failed").increment();
            // log the first failure in full, then quietly until it recovers; never the credentials
            if (!failing) {
                LOG.warn("email: mailbox poll failed ({}); will retry every {}", e.getClass().getSimpleName(), properties.poll());
                failing = true;
            }
        }
    }

    /** Handles one message; false when the poll should stop (the store or the mailbox failed). */
    private boolean handle(Message message, Folder inbox, Store store) throws MessagingException {
        MailReader.Outcome outcome;
        try {
            outcome = MailReader.read((MimeMessage) message, ownAddresses, properties.maxChars());
        } catch (MessagingException | IOException | RuntimeException e) {
            if (!inbox.isOpen() || !store.isConnected()) {
                throw new MessagingException("connection lost while reading", e);
            }
            // a message we cannot parse: it stays in the mailbox for a person, but is not read again
            skip(message, "unreadable");
            return true;
        }
        if (outcome.skipped() != null) {
            skip(message, outcome.skipped());
            return true;
        }
        MailReader.Mail mail = outcome.mail();
        if (properties.rateLimit() >= 0
                && dispatcher.recentInbound(EmailChannel.CHANNEL, mail.sender(), properties.rateWindow()) >= properties.rateLimit()) {
            skip(message, "rate_limited");
            return true;
        }
        try {
            dispatcher.accept(new InboundEnvelope(EmailChannel.CHANNEL, mail.key(), mail.sender(), mail.text(), mail.hint(),
                    mail.nonText(), mail.context()));
        } catch (RuntimeException e) {
            // not stored: leave it unseen so the next poll tries again
            LOG.error("email: storing a message failed; it stays unseen ({})", e.getClass().getSimpleName());
            meters.counter("ieum.email.store.failed").increment();
            return false;
        }
        message.setFlag(Flags.Flag.SEEN, true);
        return true;
    }

    private void skip(Message message, String reason) throws MessagingException {
        message.setFlag(Flags.Flag.SEEN, true);
        meters.counter("ieum.email.skipped", "reason", reason).increment();
        LOG.info("email: message not answered (reason={})", reason);
    }
}
