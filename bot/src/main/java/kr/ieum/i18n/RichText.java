package kr.ieum.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The neutral form of a text from {@code content/} or {@code locales/}: paragraphs and list items made of plain text,
 * bold text and links (to a web page or to another topic). Parsed once from the knowledge base's small Markdown
 * subset; each channel renders it by what it can show ({@link #plain()}, {@link #html}), so no Markdown markup and
 * no {@code topic:} link reaches a resident.
 */
public record RichText(List<Block> blocks) {
    private static final Pattern ITEM = Pattern.compile("^( *)([-*]|\\d{1,3}[.)]) +(.*)$");
    private static final Pattern INLINE = Pattern.compile(
            "\\[([^\\]\\n]{1,300})]\\((topic:[a-z0-9-]{1,80}|https://[^\\s)]{1,500})\\)|\\*\\*([^*\\n]{1,300})\\*\\*|__([^_\\n]{1,300})__"
            + "|(https://[^\\s<>()\\[\\]]{1,500}[^\\s<>()\\[\\].,;:!?'\"])");

    public RichText {
        blocks = List.copyOf(blocks);
    }

    /** A paragraph (its lines kept) or a list item ({@code marker} is "-" or "1." ..., {@code depth} from 0). */
    public record Block(List<Span> spans, String marker, int depth) {

        public Block {
            spans = List.copyOf(spans);
        }

        public boolean item() {
            return marker != null;
        }

        public boolean ordered() {
            return marker != null && Character.isDigit(marker.charAt(0));
        }
    }

    /**
     * A run of text: plain, bold, or a link ({@code target} is {@code https://...} or {@code topic:<id>}). Line breaks
     * inside a paragraph are kept as {@code \n} in plain spans.
     */
    public record Span(String text, boolean bold, String target) {

        public boolean link() {
            return target != null;
        }

        /** The topic id of a {@code topic:} link, else null. */
        public String topic() {
            return target != null && target.startsWith("topic:") ? target.substring("topic:".length()) : null;
        }
    }

    /** Parses the Markdown subset the knowledge base uses: paragraphs, {@code -}/{@code 1.} lists, links, bold. */
    public static RichText parse(String markdown) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        String marker = null;
        int depth = 0;
        List<Integer> indents = new ArrayList<>();
        for (String line : (markdown == null ? "" : markdown).replace("\r\n", "\n").split("\n", -1)) {
            Matcher item = ITEM.matcher(line);
            if (line.isBlank() || item.matches()) {
                flush(blocks, paragraph, marker, depth);
                marker = null;
            }
            if (line.isBlank()) {
                continue;
            }
            if (item.matches()) {
                int indent = item.group(1).length();
                while (!indents.isEmpty() && indent < indents.get(indents.size() - 1)) {
                    indents.remove(indents.size() - 1);
                }
                if (indents.isEmpty() || indent > indents.get(indents.size() - 1)) {
                    indents.add(indent);
                }
                marker = item.group(2).equals("*") ? "-" : item.group(2).replace(')', '.');
                depth = indents.size() - 1;
                paragraph.append(item.group(3).strip());
                continue;
            }
            if (marker != null && line.startsWith(" ")) {
                paragraph.append(' ').append(line.strip());
                continue;
            }
            if (marker != null) {
                flush(blocks, paragraph, marker, depth);
                marker = null;
            }
            indents.clear();
            if (paragraph.length() > 0) {
                paragraph.append('\n');
            }
            paragraph.append(line.strip());
        }
        flush(blocks, paragraph, marker, depth);
        return new RichText(blocks);
    }

    private static void flush(List<Block> blocks, StringBuilder text, String marker, int depth) {
        if (text.length() == 0) {
            return;
        }
        blocks.add(new Block(spans(text.toString()), marker, marker == null ? 0 : depth));
        text.setLength(0);
    }

    private static List<Span> spans(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher m = INLINE.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                spans.add(new Span(text.substring(at, m.start()), false, null));
            }
            if (m.group(1) != null) {
                spans.add(new Span(m.group(1), false, m.group(2)));
            } else if (m.group(5) != null) {
                spans.add(new Span(m.group(5), false, m.group(5)));
            } else {
                spans.add(new Span(m.group(3) != null ? m.group(3) : m.group(4), true, null));
            }
            at = m.end();
        }
        if (at < text.length()) {
            spans.add(new Span(text.substring(at), false, null));
        }
        return spans;
    }

    /**
     * Plain text for channels that show no markup (SMS, WhatsApp, Messenger, LINE, KakaoTalk): a topic link becomes its
     * label, a web link "label (url)" (or the url alone when it is its own label), bold loses its markers, list
     * items keep a plain "-" or "1." and are indented by depth.
     */
    public String plain() {
        return lines(s -> {
            if (s.link() && s.topic() == null) {
                return s.text().equals(s.target()) ? s.target() : s.text() + " (" + s.target() + ")";
            }
            return s.text();
        }, t -> t);
    }

    /**
     * Plain text for messengers that show no buttons for links (WhatsApp, Messenger): as {@link #plain()}, but a topic
     * link keeps its way out, "label (answer page)" ({@code topicHref}), and bold is shown with {@code boldMarker} where
     * the app reads one (WhatsApp: {@code *}; null for none).
     */
    public String linked(Function<String, String> topicHref, String boldMarker) {
        return lines(s -> {
            if (s.link()) {
                String target = s.topic() != null ? topicHref.apply(s.topic()) : s.target();
                return s.text().equals(target) ? target : s.text() + " (" + target + ")";
            }
            return s.bold() && boldMarker != null && !s.text().isBlank() ? boldMarker + s.text().strip() + boldMarker : s.text();
        }, t -> t);
    }

    /**
     * Text with inline HTML only ({@code <b>}, {@code <a href>}; line breaks as line breaks, lists as "-" lines), every
     * text escaped: what Telegram's {@code parse_mode=HTML} accepts. {@code topicHref} gives a topic link's address.
     */
    public String inlineHtml(Function<String, String> topicHref) {
        return lines(s -> {
            if (s.link()) {
                String href = s.topic() != null ? topicHref.apply(s.topic()) : s.target();
                return "<a href=\"" + escape(href) + "\">" + escape(s.text()) + "</a>";
            }
            return s.bold() ? "<b>" + escape(s.text()) + "</b>" : escape(s.text());
        }, RichText::escape);
    }

    private String lines(Function<Span, String> span, Function<String, String> escapeMarker) {
        StringBuilder out = new StringBuilder();
        Block previous = null;
        for (Block b : blocks) {
            if (previous != null) {
                out.append(previous.item() || b.item() ? "\n" : "\n\n");
            }
            if (b.item()) {
                out.append("  ".repeat(b.depth())).append(escapeMarker.apply(b.marker())).append(' ');
            }
            for (Span s : b.spans()) {
                out.append(span.apply(s));
            }
            previous = b;
        }
        return out.toString();
    }

    /**
     * HTML with only {@code <p>}, {@code <ul>}/{@code <ol>}/{@code <li>}, {@code <b>}, {@code <br>} and {@code <a>}; every
     * text escaped. {@code topicHref} gives a topic link's address (an answer page); {@code topicAttributes} and
     * {@code webAttributes} are added to topic and web anchors (e.g. {@code target="_blank" rel="noopener noreferrer"}).
     */
    public String html(Function<String, String> topicHref, String topicAttributes, String webAttributes) {
        StringBuilder out = new StringBuilder();
        List<String> open = new ArrayList<>();
        for (Block b : blocks) {
            int want = b.item() ? b.depth() + 1 : 0;
            while (open.size() > want) {
                out.append("</li></").append(open.remove(open.size() - 1)).append('>');
            }
            if (b.item()) {
                String tag = b.ordered() ? "ol" : "ul";
                if (open.size() == want && !open.get(want - 1).equals(tag)) {
                    out.append("</li></").append(open.remove(open.size() - 1)).append('>');
                }
                if (open.size() < want) {
                    while (open.size() < want) {
                        out.append('<').append(tag).append('>');
                        open.add(tag);
                    }
                } else {
                    out.append("</li>");
                }
                out.append("<li>");
                spansHtml(out, b.spans(), topicHref, topicAttributes, webAttributes);
            } else {
                out.append("<p>");
                spansHtml(out, b.spans(), topicHref, topicAttributes, webAttributes);
                out.append("</p>");
            }
        }
        while (!open.isEmpty()) {
            out.append("</li></").append(open.remove(open.size() - 1)).append('>');
        }
        return out.toString();
    }

    private static void spansHtml(StringBuilder out, List<Span> spans, Function<String, String> topicHref, String topicAttributes,
            String webAttributes) {
        for (Span s : spans) {
            String text = escape(s.text()).replace("\n", "<br>");
            if (s.link()) {
                String href = s.topic() != null ? topicHref.apply(s.topic()) : s.target();
                String attributes = s.topic() != null ? topicAttributes : webAttributes;
                out.append("<a href=\"").append(escape(href)).append('"').append(attributes.isEmpty() ? "" : " " + attributes).append('>')
                        .append(text).append("</a>");
            } else if (s.bold()) {
                out.append("<b>").append(text).append("</b>");
            } else {
                out.append(text);
            }
        }
    }

    /** Escapes text for HTML content and attribute values. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
