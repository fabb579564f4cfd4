package kr.ieum.channel.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one received message into what the channel stores, or the reason it is not answered. */
final class MailReader {
    static final String MESSAGE_ID = "messageId";
    static final String REFERENCES = "references";
    static final String SUBJECT = "subject";
    /** The longest Message-ID used as it is; longer ones (and made-up keys) are hashed to fit the inbox. */
    private static final int MAX_KEY = 190;
    private static final int MAX_SUBJECT = 250;
    private static final int MAX_REFERENCES = 2000;
    /** Reply and forward prefixes of mail clients in the residents' languages ("Re:", "AW:", "回复：", "답장:"...). */
    static final Pattern REPLY_PREFIX = Pattern.compile("(?iu)^\\s*((re|aw|sv|vs|antw|ref|rif|odp|fw|fwd|tr|wg|回复|回覆"
            + "|答复|答覆|转发|轉寄|답장|회신|전달|返信|転送|трл|отв|ответ|пересл|tl|trả lời|chuyển tiếp)\\s*(\\[\\d+]|\\(\\d+\\))?"
            + "\\s*[:：]\\s*)+");

    private MailReader() {}

    /**
     * A message to answer.
     *
     * @param key      the idempotency key: the Message-ID, else a hash of sender, date and subject
     * @param sender   the sender's address, lower case
     * @param text     the new text of the message (the subject when the body is empty)
     * @param nonText  true for attachments without text
     * @param hint     a language hint (Content-Language, or the body's charset), or null
     * @param context  Message-ID, References and subject, to thread the reply
     */
    record Mail(String key, String sender, String text, boolean nonText, String hint, Map<String, String> context) {}

    /** What became of one message: a mail to answer, or the reason code for skipping it. */
    record Outcome(Mail mail, String skipped) {
        static Outcome skip(String reason) {
            return new Outcome(null, reason);
        }
    }

    static Outcome read(MimeMessage message, Set<String> ownAddresses, int maxChars) throws MessagingException, IOException {
        String sender = sender(message);
        Optional<String> skip = LoopGuard.reason(message, sender, ownAddresses);
        if (skip.isPresent()) {
            return Outcome.skip(skip.get());
        }
        String subject = subject(message);
        MimeText.Body body = MimeText.read(message);
        String text = ReplyCleaner.clean(body.text(), maxChars);
        boolean nonText = text.isEmpty() && body.hasAttachment();
        if (text.isEmpty()) {
            text = ReplyCleaner.cap(REPLY_PREFIX.matcher(subject).replaceFirst("").strip(), maxChars);
        }
        String messageId = first(message, "Message-ID");
        Map<String, String> context = new LinkedHashMap<>();
        if (messageId != null && !messageId.isBlank()) {
            context.put(MESSAGE_ID, messageId.strip());
        }
        String references = first(message, "References");
        if (references != null && !references.isBlank()) {
            String unfolded = references.replaceAll("\\s+", " ").strip();
            context.put(REFERENCES, unfolded.length() > MAX_REFERENCES
                    ? unfolded.substring(unfolded.indexOf(' ', unfolded.length() - MAX_REFERENCES) + 1) : unfolded);
        }
        context.put(SUBJECT, subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject);
        String hint = first(message, "Content-Language");
        if (hint != null) {
            hint = hint.split(",")[0].strip();
        }
        if (hint == null || hint.isEmpty()) {
            hint = body.languageHint();
        }
        return new Outcome(new Mail(key(messageId, sender, message), sender, text, nonText, hint, context), null);
    }

    /** The sender's address in lower case, or null when there is no usable From. */
    static String sender(MimeMessage message) throws MessagingException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (MessagingException e) {
            return null;
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)) {
            return null;
        }
        String email = address.getAddress();
        if (email == null || email.indexOf('@') <= 0 || email.length() > 254) {
            return null;
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

    static String subject(MimeMessage message) throws MessagingException {
        String subject = message.getSubject();
        return subject == null ? "" : subject.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private static String key(String messageId, String sender, MimeMessage message) throws MessagingException {
        if (messageId != null && !messageId.isBlank()) {
            String id = messageId.strip();
            return id.length() <= MAX_KEY ? id : "sha256:" + sha256(id);
        }
        String date = first(message, "Date");
        return "sha256:" + sha256(sender + "\n" + (date == null ? "" : date.strip()) + "\n" + subject(message));
    }

    private static String first(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
