package kr.ieum.channel.webchat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML for the chat and the answer pages. Everything is escaped; the only markup produced is what the knowledge
 * base's Markdown subset needs: paragraphs, bulleted and numbered lists (nested by indentation), links to other
 * topics ({@code [text](topic:id)}, to their answer page in the reader's language) and {@code https://} links.
 */
final class Html {
    private static final Pattern ITEM = Pattern.compile("^( *)([-*]|\\d{1,3}[.)]) +(.*)$");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]{1,300})]\\((topic:[a-z0-9-]{1,80}|https://[^\\s)]{1,500})\\)"
            + "|(https://[^\\s<>()\\[\\]]{1,500}[^\\s<>()\\[\\].,;:!?'\"])");

    private Html() {}

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
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
        StringBuilder out = new StringBuilder(text.length() * 2);
        Deque<String> open = new ArrayDeque<>();
        Deque<Integer> indents = new ArrayDeque<>();
        StringBuilder paragraph = new StringBuilder();
        boolean itemOpen = false;
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            Matcher item = ITEM.matcher(line);
            if (line.isBlank()) {
                flush(out, paragraph, readerLang, newTab);
                continue;
            }
            if (item.matches()) {
                flush(out, paragraph, readerLang, newTab);
                int indent = item.group(1).length();
                String tag = Character.isDigit(item.group(2).charAt(0)) ? "ol" : "ul";
                while (!indents.isEmpty() && indent < indents.peek()) {
                    out.append("</li></").append(open.pop()).append('>');
                    indents.pop();
                }
                if (indents.isEmpty() || indent > indents.peek()) {
                    out.append('<').append(tag).append('>');
                    open.push(tag);
                    indents.push(indent);
                } else if (!open.peek().equals(tag)) {
                    out.append("</li></").append(open.pop()).append("><").append(tag).append('>');
                    open.push(tag);
                } else if (itemOpen) {
                    out.append("</li>");
                }
                out.append("<li>").append(inline(item.group(3), readerLang, newTab));
                itemOpen = true;
                continue;
            }
            if (!open.isEmpty() && line.startsWith(" ")) {
                // a continuation line of a list item
                out.append(' ').append(inline(line.strip(), readerLang, newTab));
                continue;
            }
            while (!open.isEmpty()) {
                out.append("</li></").append(open.pop()).append('>');
                indents.pop();
            }
            itemOpen = false;
            if (paragraph.length() > 0) {
                paragraph.append('\n');
            }
            paragraph.append(line.strip());
        }
        flush(out, paragraph, readerLang, newTab);
        while (!open.isEmpty()) {
            out.append("</li></").append(open.pop()).append('>');
        }
        return out.toString();
    }

    private static void flush(StringBuilder out, StringBuilder paragraph, String readerLang, boolean newTab) {
        if (paragraph.length() > 0) {
            out.append("<p>").append(inline(paragraph.toString(), readerLang, newTab).replace("\n", "<br>")).append("</p>");
            paragraph.setLength(0);
        }
    }

    private static String inline(String text, String readerLang, boolean newTab) {
        Matcher m = LINK.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        String target = newTab ? " target=\"_blank\" rel=\"noopener noreferrer\"" : " rel=\"noopener noreferrer\"";
        while (m.find()) {
            out.append(escape(text.substring(last, m.start())));
            if (m.group(3) != null) {
                out.append("<a href=\"").append(escape(m.group(3))).append('"').append(target).append('>')
                        .append(escape(m.group(3))).append("</a>");
            } else {
                String href = m.group(2);
                boolean topic = href.startsWith("topic:");
                String url = topic ? answerPath(href.substring("topic:".length()), readerLang) : href;
                out.append("<a href=\"").append(escape(url)).append('"').append(topic && !newTab ? "" : target).append('>')
                        .append(escape(m.group(1))).append("</a>");
            }
            last = m.end();
        }
        out.append(escape(text.substring(last)));
        return out.toString();
    }
}
