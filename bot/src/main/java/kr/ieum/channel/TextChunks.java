package kr.ieum.channel;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text that is longer than a provider's message limit (Telegram 4096, LINE 5000 characters) into
 * parts, preferring line breaks, then spaces, and never cutting a surrogate pair in two.
 */
public final class TextChunks {
    private TextChunks() {}

    /** The parts of {@code text}, each at most {@code max} UTF-16 units long; one part when it fits. */
    public static List<String> split(String text, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2");
        }
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut < max / 2) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut < max / 2) {
                cut = Character.isLowSurrogate(rest.charAt(max)) ? max - 1 : max;
                parts.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            } else {
                parts.add(rest.substring(0, cut));
                rest = rest.substring(cut + 1);
            }
        }
        parts.add(rest);
        return parts;
    }

    /**
     * The parts of {@code text}, each at most {@code max} UTF-16 units long, preferring line breaks, then spaces,
     * with the white space around each cut removed (Messenger, WhatsApp and KakaoTalk show each part as a bubble
     * of its own); one part when it fits.
     */
    public static List<String> splitTrimmed(String text, int max) {
        List<String> out = new ArrayList<>();
        String rest = text;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut < max / 2) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut < max / 2) {
                cut = Character.isHighSurrogate(rest.charAt(max - 1)) ? max - 1 : max;
            }
            out.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty() || out.isEmpty()) {
            out.add(rest);
        }
        return out;
    }

    /** {@code text} cut to at most {@code max} chars (never inside a surrogate pair), "…" marking the cut. */
    public static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
