package kr.ieum.channel.email;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an HTML mail body into plain text to read (never to display): drops scripts, styles, comments and
 * quoted replies ({@code <blockquote>}), makes block elements line breaks and decodes entities. Linear
 * patterns only, on input capped beforehand, so hostile HTML cannot make it backtrack for long.
 */
final class HtmlText {
    static final int MAX_INPUT = 200_000;
    private static final Map<String, Pattern> INVISIBLE = Map.of("script", end("script"), "style", end("style"),
            "head", end("head"), "title", end("title"), "template", end("template"));
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)");
    private static final Pattern SPACE = Pattern.compile("[ \\t\\u00A0]+");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.ofEntries(Map.entry("amp", "&"), Map.entry("lt", "<"),
            Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", " "),
            Map.entry("ndash", "–"), Map.entry("mdash", "—"), Map.entry("hellip", "…"), Map.entry("lsquo", "‘"),
            Map.entry("rsquo", "’"), Map.entry("ldquo", "“"), Map.entry("rdquo", "”"), Map.entry("middot", "·"),
            Map.entry("bull", "•"), Map.entry("copy", "©"), Map.entry("reg", "®"), Map.entry("euro", "€"),
            Map.entry("yen", "¥"), Map.entry("won", "₩"), Map.entry("laquo", "«"), Map.entry("raquo", "»"),
            Map.entry("zwnj", "\u200C"), Map.entry("zwj", "\u200D"), Map.entry("shy", ""));
    private static final Set<String> BLOCK = Set.of("br", "p", "div", "li", "tr", "h1", "h2", "h3",
            "h4", "h5", "h6", "ul", "ol", "table", "section", "article", "header", "footer", "hr", "pre", "dt", "dd");

    private HtmlText() {}

    static String toText(String html) {
        String s = html.length() > MAX_INPUT ? html.substring(0, MAX_INPUT) : html;
        StringBuilder out = new StringBuilder(s.length());
        int quoted = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int lt = s.indexOf('<', i);
            if (lt < 0 || lt + 1 >= n) {
                append(out, s, i, n, quoted);
                break;
            }
            char next = s.charAt(lt + 1);
            if (!(Character.isLetter(next) || next == '/' || next == '!' || next == '?')) {
                // a bare '<' in text
                append(out, s, i, lt + 1, quoted);
                i = lt + 1;
                continue;
            }
            append(out, s, i, lt, quoted);
            if (s.startsWith("<!--", lt)) {
                int close = s.indexOf("-->", lt + 4);
                i = close < 0 ? n : close + 3;
                continue;
            }
            int gt = s.indexOf('>', lt);
            if (gt < 0) {
                break;
            }
            Matcher tag = TAG.matcher(s).region(lt, gt + 1);
            String name = "";
            boolean closing = false;
            if (tag.lookingAt()) {
                name = tag.group(2).toLowerCase(Locale.ROOT);
                closing = !tag.group(1).isEmpty();
            }
            i = gt + 1;
            if (!closing && INVISIBLE.containsKey(name)) {
                Matcher end = INVISIBLE.get(name).matcher(s);
                int close = end.find(i) ? s.indexOf('>', end.end()) : -1;
                i = close < 0 ? n : close + 1;
            } else if (name.equals("blockquote")) {
                quoted = Math.max(0, quoted + (closing ? -1 : 1));
            } else if (BLOCK.contains(name) && quoted == 0) {
                out.append('\n');
            }
        }
        StringBuilder lines = new StringBuilder();
        for (String line : out.toString().split("\n", -1)) {
            lines.append(decode(SPACE.matcher(line).replaceAll(" ").strip())).append('\n');
        }
        return lines.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    private static Pattern end(String name) {
        return Pattern.compile("(?i)</" + name + "\\b");
    }

    private static void append(StringBuilder out, String s, int from, int to, int quoted) {
        if (quoted == 0 && to > from) {
            // source line breaks are plain white space in HTML
            out.append(s.substring(from, to).replace('\r', ' ').replace('\n', ' '));
        }
    }

    static String decode(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String replacement;
            if (e.startsWith("#")) {
                int cp;
                try {
                    cp = e.length() > 1 && (e.charAt(1) == 'x' || e.charAt(1) == 'X')
                            ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
                } catch (NumberFormatException ex) {
                    cp = -1;
                }
                replacement = Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "\uFFFD";
            } else {
                replacement = NAMED.getOrDefault(e.toLowerCase(Locale.ROOT), m.group());
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
