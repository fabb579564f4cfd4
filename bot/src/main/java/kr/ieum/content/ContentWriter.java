package kr.ieum.content;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes a localization in the format {@link ContentReader} reads ({@code content/README.md}), always the same way:
 * fields in a fixed order, a scalar plain when YAML reads it back as the same text and double-quoted otherwise, the
 * answer after the front matter, one final newline. So exporting what was imported gives the same bytes, and a
 * ministry can keep the knowledge base in git with meaningful diffs.
 */
public final class ContentWriter {
    private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
    /** Scalars YAML 1.1 (SnakeYAML) reads as something other than text: booleans, null, numbers, times, dates. */
    private static final Pattern SPECIAL = Pattern.compile(
            "(?i)(y|n|yes|no|true|false|on|off|null|~)"
                    + "|[-+]?(0|[1-9][0-9_]*)(\\.[0-9_]*)?([eE][-+]?[0-9]+)?"
                    + "|[-+]?\\.[0-9_]+([eE][-+]?[0-9]+)?"
                    + "|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+"
                    + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
                    + "|[-+]?\\.(inf|nan)|\\.inf"
                    + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*");

    private ContentWriter() {}

    /** The file {@code faq/<topic>/<locale>.md} for {@code l}. */
    public static String write(Localization l) {
        StringBuilder out = new StringBuilder(512 + l.answer().length());
        out.append("---\n");
        field(out, "question", l.question());
        out.append("alternates:\n");
        for (String a : l.alternates()) {
            out.append("  - ").append(scalar(a)).append('\n');
        }
        field(out, "sms", l.sms());
        field(out, "status", l.status());
        out.append("revision: ").append(l.revision()).append('\n');
        if (l.sourceRevision() != null) {
            out.append("source-revision: ").append(l.sourceRevision()).append('\n');
        }
        if (l.translatedFrom() != null) {
            field(out, "translated-from", l.translatedFrom());
        }
        list(out, "links", l.links());
        out.append("---\n");
        out.append(l.answer().strip()).append('\n');
        return out.toString();
    }

    /**
     * The file {@code topics.yaml} for {@code topics} (in their order), after {@code header}: the comment lines that open the
     * file it replaces, so the guidance written for editors survives an export.
     */
    public static String topics(List<Topic> topics, String header) {
        StringBuilder out = new StringBuilder(header);
        out.append("topics:\n");
        for (Topic t : topics) {
            out.append("  - {id: ").append(t.id()).append(", category: ").append(t.category()).append(t.menu() ? ", menu: true" : "")
                    .append(t.parent() == null ? "" : ", parent: " + t.parent()).append("}\n");
        }
        return out.toString();
    }

    /** The comment lines (and blank lines) that open a {@code topics.yaml} text, each with its newline. */
    public static String header(String topicsYaml) {
        StringBuilder out = new StringBuilder();
        for (String line : topicsYaml.split("(?<=\n)")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                break;
            }
            out.append(line.endsWith("\n") ? line : line + "\n");
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(scalar(value)).append('\n');
    }

    private static void list(StringBuilder out, String name, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        out.append(name).append(":\n");
        for (String v : values) {
            out.append("  - ").append(scalar(v)).append('\n');
        }
    }

    /** {@code text} as a YAML scalar that reads back as exactly {@code text}. */
    static String scalar(String text) {
        return plainSafe(text) ? text : quoted(text);
    }

    private static boolean plainSafe(String s) {
        if (s.isEmpty() || !s.equals(s.strip()) || INDICATORS.indexOf(s.charAt(0)) >= 0) {
            return false;
        }
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":") || SPECIAL.matcher(s.toLowerCase(Locale.ROOT)).matches()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                return false;
            }
        }
        return true;
    }

    private static String quoted(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
