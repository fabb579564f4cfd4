package kr.ieum.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Mail the bot must never answer: auto-replies, bounces, mailing lists and its own mail (RFC 3834 and the
 * de-facto headers of common auto-responders). Answers a reason code for logs and metrics, never an address.
 */
final class LoopGuard {
    /** Header the bot puts on everything it sends. */
    static final String MARKER = "X-Ieum";
    private static final Pattern BULK = Pattern.compile("(?i)\\s*(bulk|junk|list|auto_reply)\\s*");
    private static final Pattern DAEMON = Pattern.compile("(?i)^(mailer-daemon|postmaster)(\\+.*)?@.*");
    private static final Pattern NO_REPLY = Pattern.compile("(?i)^(no-?reply|do-?not-?reply)(\\+.*)?@.*");

    private LoopGuard() {}

    /** Why {@code message} from {@code sender} (lower-case address, may be null) is not answered, or empty. */
    static Optional<String> reason(MimeMessage message, String sender, Set<String> ownAddresses) throws MessagingException {
        if (message.getHeader(MARKER) != null) {
            return Optional.of("own_marker");
        }
        if (sender == null) {
            return Optional.of("no_sender");
        }
        if (ownAddresses.contains(sender)) {
            return Optional.of("own_address");
        }
        if (isReport(message) || DAEMON.matcher(sender).matches() || anyEquals(message, "Return-Path", "<>")) {
            return Optional.of("bounce");
        }
        if (NO_REPLY.matcher(sender).matches()) {
            return Optional.of("no_reply_sender");
        }
        String autoSubmitted = first(message, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return Optional.of("auto_reply");
        }
        if (message.getHeader("X-Autoreply") != null || message.getHeader("X-Autorespond") != null
                || message.getHeader("X-Autoresponse") != null) {
            return Optional.of("auto_reply");
        }
        String precedence = first(message, "Precedence");
        if (precedence != null && BULK.matcher(precedence).matches()) {
            String value = precedence.strip().toLowerCase(Locale.ROOT);
            return Optional.of(value.equals("auto_reply") ? "auto_reply" : value.equals("list") ? "mailing_list" : "bulk");
        }
        if (message.getHeader("List-Id") != null || message.getHeader("List-Unsubscribe") != null) {
            return Optional.of("mailing_list");
        }
        return Optional.empty();
    }

    private static boolean isReport(MimeMessage message) throws MessagingException {
        String type = message.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/report");
    }

    private static boolean anyEquals(MimeMessage message, String name, String value) throws MessagingException {
        String[] values = message.getHeader(name);
        if (values == null) {
            return false;
        }
        for (String v : values) {
            if (v.replaceAll("\\s", "").equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String first(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
