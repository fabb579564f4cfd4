package kr.ieum.channel.email;

import jakarta.mail.Session;
import java.util.Properties;

/** Jakarta Mail sessions for the configured IMAP and SMTP servers, with timeouts so a stuck server cannot hang a poll. */
final class MailSessions {
    private MailSessions() {}

    static String imapProtocol(EmailProperties p) {
        return p.imapSsl() ? "imaps" : "imap";
    }

    static String smtpProtocol(EmailProperties p) {
        return p.smtpSsl() ? "smtps" : "smtp";
    }

    static Session imap(EmailProperties p) {
        String protocol = imapProtocol(p);
        Properties props = new Properties();
        props.put("mail.store.protocol", protocol);
        props.put("mail." + protocol + ".host", p.imapHost());
        props.put("mail." + protocol + ".port", String.valueOf(p.imapPort()));
        // read without setting \Seen: the poller marks a message seen only once it is stored
        props.put("mail." + protocol + ".peek", "true");
        // RFC 6532: servers that speak SMTPUTF8 deliver raw UTF-8 headers
        props.put("mail.mime.allowutf8", "true");
        timeouts(props, protocol, p);
        return Session.getInstance(props);
    }

    static Session smtp(EmailProperties p) {
        String protocol = smtpProtocol(p);
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", p.smtpHost());
        props.put("mail." + protocol + ".port", String.valueOf(p.smtpPort()));
        props.put("mail." + protocol + ".auth", String.valueOf(p.smtpAuth()));
        if (!p.smtpSsl() && p.smtpStarttls()) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        props.put("mail." + protocol + ".from", p.from());
        timeouts(props, protocol, p);
        return Session.getInstance(props);
    }

    private static void timeouts(Properties props, String protocol, EmailProperties p) {
        String millis = String.valueOf(p.timeout().toMillis());
        props.put("mail." + protocol + ".connectiontimeout", millis);
        props.put("mail." + protocol + ".timeout", millis);
        props.put("mail." + protocol + ".writetimeout", millis);
    }
}
