package kr.ieum.channel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.RichText;

/**
 * Renders a reply for a channel's capabilities: its text in the neutral {@link RichText} form, then one line per
 * numbered option ({@code 1. label}). No Markdown markup and no {@code topic:} link reaches a channel that cannot
 * show it.
 */
public final class TextRendering {
    private TextRendering() {}

    /** Plain text (SMS, WhatsApp, Messenger, LINE, KakaoTalk): topic links become their labels. */
    public static String plain(OutboundMessage message) {
        StringBuilder sb = new StringBuilder(RichText.parse(message.text().text()).plain());
        for (OutboundMessage.Option option : message.options()) {
            sb.append('\n').append(option.key()).append(". ").append(RichText.parse(option.label().text()).plain());
        }
        return sb.toString();
    }

    /**
     * Plain text for WhatsApp and Messenger, which show no link buttons: a topic link keeps its answer page
     * ({@code topicHref}), bold is {@code *bold*} where {@code boldMarker} is {@code "*"} (WhatsApp), and the numbered options.
     */
    public static String linked(OutboundMessage message, Function<String, String> topicHref, String boldMarker) {
        StringBuilder sb = new StringBuilder(RichText.parse(message.text().text()).linked(topicHref, boldMarker));
        for (OutboundMessage.Option option : message.options()) {
            sb.append('\n').append(option.key()).append(". ").append(RichText.parse(option.label().text()).plain());
        }
        return sb.toString();
    }

    /**
     * Text with inline HTML ({@code <b>}, {@code <a>}) for Telegram's {@code parse_mode=HTML}; topic links point to the
     * answer pages ({@code topicHref}).
     */
    public static String inlineHtml(OutboundMessage message, Function<String, String> topicHref) {
        StringBuilder sb = new StringBuilder(RichText.parse(message.text().text()).inlineHtml(topicHref));
        for (OutboundMessage.Option option : message.options()) {
            sb.append('\n').append(RichText.escape(option.key())).append(". ")
                    .append(RichText.escape(RichText.parse(option.label().text()).plain()));
        }
        return sb.toString();
    }

    /** A link of a reply, as a button shows it: its label and the address it opens. */
    public record Link(String label, String url) {}

    /**
     * The links of a reply's text, in order, each address once: labelled web links, and topic links to their answer pages
     * ({@code topicHref}); a bare address, shown in the plain text anyway, is not repeated as a button. For channels that show links as buttons (LINE, KakaoTalk) beside the plain text.
     */
    public static List<Link> links(OutboundMessage message, Function<String, String> topicHref) {
        Map<String, Link> out = new LinkedHashMap<>();
        for (RichText.Block block : RichText.parse(message.text().text()).blocks()) {
            for (RichText.Span span : block.spans()) {
                // a bare address is in the plain text already, readable and tappable: a button is for what the text hides
                if (span.link() && (span.topic() != null || !span.text().strip().equals(span.target()))) {
                    String url = span.topic() != null ? topicHref.apply(span.topic()) : span.target();
                    out.putIfAbsent(url, new Link(span.text().strip(), url));
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** The text as written (Markdown), with the numbered options: for renderers that read the links themselves (e-mail). */
    public static String source(OutboundMessage message) {
        StringBuilder sb = new StringBuilder(message.text().text());
        for (OutboundMessage.Option option : message.options()) {
            sb.append('\n').append(option.key()).append(". ").append(option.label().text());
        }
        return sb.toString();
    }
}
