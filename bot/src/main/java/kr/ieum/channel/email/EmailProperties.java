package kr.ieum.channel.email;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The e-mail channel ({@code ieum.channels.email}): an IMAP mailbox polled for residents' mail, SMTP for the
 * replies. The channel is on only when {@code enabled} and the IMAP host, user and password, the SMTP host
 * and the from address are all set; secrets come from the environment and are never logged.
 *
 * @param enabled      switch (default on: the channel still stays off without credentials)
 * @param poll         how often the mailbox is read
 * @param imapHost     IMAP server ({@code MAIL_IMAP_HOST})
 * @param imapPort     IMAP port ({@code MAIL_IMAP_PORT}, 993)
 * @param imapUser     mailbox login ({@code MAIL_IMAP_USER})
 * @param imapPassword mailbox password ({@code MAIL_IMAP_PASSWORD})
 * @param imapSsl      IMAP over TLS ({@code MAIL_IMAP_SSL}, true)
 * @param smtpHost     SMTP server ({@code MAIL_SMTP_HOST})
 * @param smtpPort     SMTP port ({@code MAIL_SMTP_PORT}, 587)
 * @param smtpUser     SMTP login, empty for an unauthenticated relay ({@code MAIL_SMTP_USER})
 * @param smtpPassword SMTP password ({@code MAIL_SMTP_PASSWORD})
 * @param smtpStarttls require STARTTLS ({@code MAIL_SMTP_STARTTLS}, true)
 * @param smtpSsl      SMTP over TLS from the first byte, port 465 ({@code MAIL_SMTP_SSL}, false)
 * @param from         the bot's address, used as From and to recognise its own mail ({@code MAIL_FROM})
 * @param rateLimit    messages stored per sender within {@code rateWindow}; more are dropped and counted
 * @param rateWindow   the rate limit's window
 * @param maxChars     the longest text taken from one message
 * @param batch        messages read per poll
 * @param timeout      connect and read timeout of IMAP and SMTP
 */
@ConfigurationProperties("ieum.channels.email")
public record EmailProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "30s") Duration poll,
        @Nullable String imapHost,
        @Bindable(defaultValue = "993") int imapPort,
        @Nullable String imapUser,
        @Nullable String imapPassword,
        @Bindable(defaultValue = "true") boolean imapSsl,
        @Nullable String smtpHost,
        @Bindable(defaultValue = "587") int smtpPort,
        @Nullable String smtpUser,
        @Nullable String smtpPassword,
        @Bindable(defaultValue = "true") boolean smtpStarttls,
        @Bindable(defaultValue = "false") boolean smtpSsl,
        @Nullable String from,
        @Bindable(defaultValue = "10") int rateLimit,
        @Bindable(defaultValue = "1h") Duration rateWindow,
        @Bindable(defaultValue = "2000") int maxChars,
        @Bindable(defaultValue = "50") int batch,
        @Bindable(defaultValue = "20s") Duration timeout) {

    /** The environment variables of required settings that are not set (names only, never values). */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        check(missing, imapHost, "MAIL_IMAP_HOST");
        check(missing, imapUser, "MAIL_IMAP_USER");
        check(missing, imapPassword, "MAIL_IMAP_PASSWORD");
        check(missing, smtpHost, "MAIL_SMTP_HOST");
        check(missing, from, "MAIL_FROM");
        return missing;
    }

    boolean smtpAuth() {
        return smtpUser != null && !smtpUser.isBlank();
    }

    private static void check(List<String> missing, String value, String name) {
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
    }

    @Override
    public String toString() {
        // records print every component; this one holds passwords
        return "EmailProperties[imap=" + imapHost + ":" + imapPort + ", smtp=" + smtpHost + ":" + smtpPort + "]";
    }
}
