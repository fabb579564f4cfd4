package kr.ieum.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.ieum.channel.Delivery;
import kr.ieum.channel.PublicUrl;
import kr.ieum.channel.TextRendering;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.Messages;

/**
 * Writes one turn's replies as one e-mail: multipart/alternative with text/plain and a small escaped
 * text/html version, UTF-8, "Re: " + the resident's subject, threaded with In-Reply-To and References,
 * marked {@code Auto-Submitted: auto-replied} and with the bot's marker header so that no auto-responder
 * (the bot included) answers it.
 */
final class EmailComposer {
    private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]{1,200})]\\(((?:https?://|topic:)[^)\\s]{1,500})\\)");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]{1,500}");
    private static final int MAX_REFERENCES = 20;
    private final Messages messages;
    private final PublicUrl publicUrl;
    private final String from;

    EmailComposer(Messages messages, PublicUrl publicUrl, String from) {
        this.messages = messages;
        this.publicUrl = publicUrl;
        this.from = from;
    }

    MimeMessage compose(Session session, Delivery delivery) throws MessagingException {
        String language = delivery.language() == null ? "en" : delivery.language();
        List<String> paragraphs = new ArrayList<>();
        for (OutboundMessage message : delivery.messages()) {
            String text = TextRendering.source(message);
            if (message.isAnswer()) {
                String url = publicUrl.answerPage(message.topic(), language);
                text = text + "\n\n" + messages.render(language, "answer.link", Map.of("url", url)).text();
            }
            paragraphs.add(text);
        }
        String plain = String.join("\n\n", paragraphs.stream().map(p -> links(p, language, false)).toList());
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"").append(escape(language)).append("\" dir=\"")
                .append(direction(language)).append("\"><head><meta charset=\"utf-8\"></head><body>");
        for (String p : paragraphs) {
            html.append("<p>").append(links(p, language, true).replace("\n", "<br>\n")).append("</p>\n");
        }
        html.append("</body></html>");

        String domain = from.substring(from.indexOf('@') + 1);
        String messageId = "<" + UUID.randomUUID() + "@" + domain + ">";
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mail.setFrom(new InternetAddress(from));
        mail.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(delivery.address()));
        mail.setSubject(subject(delivery.context(MailReader.SUBJECT), language), "UTF-8");
        mail.setSentDate(new Date());
        String original = delivery.context(MailReader.MESSAGE_ID);
        if (original != null && !original.isBlank()) {
            mail.setHeader("In-Reply-To", original);
            mail.setHeader("References", MimeUtility.fold("References: ".length(),
                    references(delivery.context(MailReader.REFERENCES), original)));
        }
        mail.setHeader("Auto-Submitted", "auto-replied");
        mail.setHeader(LoopGuard.MARKER, "reply");
        mail.setHeader("Content-Language", language);

        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(plain, "UTF-8", "plain");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html.toString(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative", textPart, htmlPart);
        mail.setContent(alternative);
        mail.saveChanges();
        return mail;
    }

    /** "Re: " + the subject without the reply prefixes clients already put there; a neutral title when empty. */
    String subject(String original, String language) {
        String bare = original == null ? "" : MailReader.REPLY_PREFIX.matcher(original).replaceFirst("").strip();
        if (bare.isEmpty()) {
            bare = messages.render(language, "page.title").text();
        }
        return "Re: " + bare;
    }

    static String references(String references, String messageId) {
        List<String> ids = new ArrayList<>();
        if (references != null) {
            Arrays.stream(references.trim().split("\\s+")).filter(s -> !s.isBlank()).forEach(ids::add);
        }
        ids.remove(messageId);
        ids.add(messageId);
        // RFC 5322 3.6.4: keep the first and the latest ids when the list grows long
        if (ids.size() > MAX_REFERENCES) {
            List<String> kept = new ArrayList<>();
            kept.add(ids.get(0));
            kept.addAll(ids.subList(ids.size() - MAX_REFERENCES + 1, ids.size()));
            ids = kept;
        }
        return String.join(" ", ids);
    }

    private String direction(String language) {
        return messages.locales().supports(language) ? messages.locales().get(language).direction() : "ltr";
    }

    /** Markdown links of answers as "label (url)" in text, as anchors in HTML; topic links go to answer pages. */
    private String links(String text, String language, boolean html) {
        Matcher m = LINK.matcher(text);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            String before = text.substring(at, m.start());
            out.append(html ? linkify(before) : before);
            String target = m.group(2).startsWith("topic:")
                    ? publicUrl.answerPage(m.group(2).substring("topic:".length()), language) : m.group(2);
            if (html) {
                out.append("<a href=\"").append(escape(target)).append("\">").append(escape(m.group(1))).append("</a>");
            } else {
                out.append(m.group(1)).append(" (").append(target).append(')');
            }
            at = m.end();
        }
        String rest = text.substring(at);
        out.append(html ? linkify(rest) : rest);
        return out.toString();
    }

    private static String linkify(String text) {
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            out.append(escape(text.substring(at, m.start())));
            String url = m.group();
            out.append("<a href=\"").append(escape(url)).append("\">").append(escape(url)).append("</a>");
            at = m.end();
        }
        out.append(escape(text.substring(at)));
        return out.toString();
    }

    static String escape(String text) {
        return kr.ieum.i18n.RichText.escape(text);
    }
}
