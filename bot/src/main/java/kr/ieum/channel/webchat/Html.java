package kr.ieum.channel.webchat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import kr.ieum.i18n.RichText;

/**
 * HTML for the chat and the answer pages. Everything is escaped; the only markup produced is what the knowledge
 * base's Markdown subset needs: paragraphs, bulleted and numbered lists (nested by indentation), links to other
 * topics ({@code [text](topic:id)}, to their answer page in the reader's language) and {@code https://} links.
 */
final class Html {
    private Html() {}

    static String escape(String s) {
        return s == null ? "" : RichText.escape(s);
    }

    /** The answer page of {@code topic} for a reader of {@code lang}, as a site-relative URL. */
    static String answerPath(String topic, String lang) {
        return "/a/" + URLEncoder.encode(topic, StandardCharsets.UTF_8) + "?lang=" + URLEncoder.encode(lang, StandardCharsets.UTF_8);
    }

    /**
     * Renders a knowledge-base answer (or any bot text) as safe HTML. Topic links point to the answer page in
     * {@code readerLang}; links open in a new tab when {@code newTab} (inside the chat).
     */
    static String markdown(String text, String readerLang, boolean newTab) {
        String web = newTab ? "target=\"_blank\" rel=\"noopener noreferrer\"" : "rel=\"noopener noreferrer\"";
        return RichText.parse(text).html(topic -> answerPath(topic, readerLang), newTab ? web : "", web);
    }
}
