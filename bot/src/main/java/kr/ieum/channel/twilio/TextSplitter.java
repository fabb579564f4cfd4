package kr.ieum.channel.twilio;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Cuts a text into consecutive parts that each satisfy a size rule, breaking between paragraphs if it can,
 * else between lines, else between words, and only as a last resort inside a word (never inside a code point).
 */
final class TextSplitter {
    private static final String[] BREAKS = {"\n\n", "\n", " "};

    private TextSplitter() {}

    static List<String> split(String text, Predicate<String> fits) {
        List<String> parts = new ArrayList<>();
        pack(text.strip(), 0, fits, parts);
        return parts;
    }

    private static void pack(String text, int level, Predicate<String> fits, List<String> out) {
        if (text.isEmpty()) {
            return;
        }
        if (fits.test(text)) {
            out.add(text);
            return;
        }
        if (level == BREAKS.length) {
            hardSplit(text, fits, out);
            return;
        }
        String separator = BREAKS[level];
        StringBuilder current = new StringBuilder();
        for (String piece : text.split(separator.equals(" ") ? " " : separator)) {
            String candidate = current.length() == 0 ? piece : current + separator + piece;
            if (fits.test(candidate.strip())) {
                current = new StringBuilder(candidate);
                continue;
            }
            if (current.length() > 0) {
                add(current.toString(), out);
            }
            if (fits.test(piece.strip())) {
                current = new StringBuilder(piece);
            } else {
                // this piece alone is too big: cut it at the next finer break
                pack(piece.strip(), level + 1, fits, out);
                current = new StringBuilder();
            }
        }
        if (current.length() > 0) {
            add(current.toString(), out);
        }
    }

    private static void add(String part, List<String> out) {
        String stripped = part.strip();
        if (!stripped.isEmpty()) {
            out.add(stripped);
        }
    }

    private static void hardSplit(String text, Predicate<String> fits, List<String> out) {
        int start = 0;
        while (start < text.length()) {
            int end = start;
            int next = text.offsetByCodePoints(end, 1);
            end = next;
            while (end < text.length()) {
                next = text.offsetByCodePoints(end, 1);
                if (!fits.test(text.substring(start, next))) {
                    break;
                }
                end = next;
            }
            out.add(text.substring(start, end));
            start = end;
        }
    }
}
