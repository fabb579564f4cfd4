package kr.ieum.channel.email;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.util.Set;
import kr.ieum.channel.Capability;
import kr.ieum.channel.ChannelAdapter;
import kr.ieum.channel.Delivery;
import kr.ieum.channel.DeliveryFailed;
import kr.ieum.channel.PublicUrl;
import kr.ieum.i18n.Messages;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sends replies by SMTP (channel {@code email}). SMTP 4xx answers are retried through the outbox, 5xx answers
 * (a rejected address, a refused message) are not; failures never name the address.
 */
@Singleton
@Requires(property = "ieum.channels.email.enabled", value = "true")
@Requires(condition = EmailConfigured.class)
class EmailChannel implements ChannelAdapter {
    static final String CHANNEL = "email";
    private final EmailProperties properties;
    private final EmailComposer composer;
    private final Session session;

    EmailChannel(EmailProperties properties, Messages messages, PublicUrl publicUrl) {
        this.properties = properties;
        this.composer = new EmailComposer(messages, publicUrl, properties.from());
        this.session = MailSessions.smtp(properties);
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.RICH_TEXT, Capability.LINKS);
    }

    @Override
    public String send(Delivery delivery) {
        MimeMessage mail;
        try {
            mail = composer.compose(session, delivery);
        } catch (AddressException e) {
            throw new DeliveryFailed("email: invalid recipient address", false);
        } catch (MessagingException e) {
            throw new DeliveryFailed("email: could not build the message", false, e);
        }
        try (Transport transport = session.getTransport(MailSessions.smtpProtocol(properties))) {
            if (properties.smtpAuth()) {
                transport.connect(properties.smtpHost(), properties.smtpPort(), properties.smtpUser(), properties.smtpPassword());
            } else {
                transport.connect();
            }
            transport.sendMessage(mail, mail.getAllRecipients());
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw failed(e);
        }
    }

    /** SMTP 4xx → retry later, 5xx → give up; no reply code (network, authentication) → retry later. */
    static DeliveryFailed failed(MessagingException e) {
        int code = replyCode(e);
        if (code >= 500) {
            return new DeliveryFailed("SMTP answered " + code, false);
        }
        if (code >= 400) {
            return new DeliveryFailed("SMTP answered " + code, true);
        }
        String why = e instanceof AuthenticationFailedException ? "SMTP authentication failed" : "SMTP server unreachable";
        // the exception's own message can quote the address: keep only its type
        return new DeliveryFailed(why + " (" + e.getClass().getSimpleName() + ")", true);
    }

    static int replyCode(MessagingException e) {
        Exception current = e;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (current instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            if (current instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
            current = current instanceof MessagingException m ? m.getNextException() : null;
        }
        return -1;
    }
}
