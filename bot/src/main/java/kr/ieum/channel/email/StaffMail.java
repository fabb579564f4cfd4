package kr.ieum.channel.email;

import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain-text mail to staff (a new request for a person) through the channel's SMTP settings
 * ({@code MAIL_SMTP_HOST}, {@code MAIL_FROM}...): the only other sender of mail, so Jakarta Mail stays in this package.
 */
@Singleton
public class StaffMail {
    private static final Logger LOG = LoggerFactory.getLogger(StaffMail.class);
    private final EmailProperties properties;

    StaffMail(EmailProperties properties) {
        this.properties = properties;
    }

    /** True when SMTP is configured well enough to send. */
    public boolean configured() {
        return properties.smtpHost() != null && !properties.smtpHost().isBlank() && properties.from() != null && !properties.from().isBlank();
    }

    /** Sends one message to {@code to}; answers false (and logs why, without the text) when it could not. */
    public boolean send(List<String> to, String subject, String text) {
        if (!configured() || to.isEmpty()) {
            return false;
        }
        Session session = MailSessions.smtp(properties);
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress(properties.from()));
            for (String address : to) {
                mail.addRecipient(Message.RecipientType.TO, new InternetAddress(address.strip(), true));
            }
            mail.setSubject(subject, StandardCharsets.UTF_8.name());
            mail.setText(text, StandardCharsets.UTF_8.name());
            mail.setSentDate(new Date());
            mail.setHeader("Auto-Submitted", "auto-generated");
            try (Transport transport = session.getTransport(MailSessions.smtpProtocol(properties))) {
                if (properties.smtpAuth()) {
                    transport.connect(properties.smtpHost(), properties.smtpPort(), properties.smtpUser(), properties.smtpPassword());
                } else {
                    transport.connect();
                }
                transport.sendMessage(mail, mail.getAllRecipients());
            }
            return true;
        } catch (MessagingException e) {
            LOG.warn("staff notification not sent: {}", e.getClass().getSimpleName());
            return false;
        }
    }
}
