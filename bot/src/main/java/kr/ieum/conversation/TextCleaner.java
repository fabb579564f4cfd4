package kr.ieum.conversation;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Makes odd but valid input safe to read: NFC, no control or bidi-override characters, no floods of combining
 * marks, collapsed white space, and a length cap (a message longer than that is answered from its start).
 */
final class TextCleaner {
    static final int MAX_CHARS = 2000;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]");
    private static final Pattern MARK_FLOOD = Pattern.compile("(\\p{M}{4})\\p{M}+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private TextCleaner() {}

    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String t = text.length() > MAX_CHARS * 2 ? text.substring(0, MAX_CHARS * 2) : text;
        t = Normalizer.normalize(t, Normalizer.Form.NFC);
        t = CONTROL.matcher(t).replaceAll(" ");
        t = MARK_FLOOD.matcher(t).replaceAll("$1");
        t = SPACE.matcher(t).replaceAll(" ").strip();
        if (t.length() > MAX_CHARS) {
            int end = MAX_CHARS;
            if (Character.isHighSurrogate(t.charAt(end - 1))) {
                end--;
            }
            t = t.substring(0, end);
        }
        return t;
    }
}
