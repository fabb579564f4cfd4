package kr.ieum.channel.meta;

import java.util.ArrayList;
import java.util.List;

/** Fits text into a provider's limits: splits at line or word boundaries, clips labels with an ellipsis. */
final class Chunks {
    private Chunks() {}

    /** Splits {@code text} into pieces of at most {@code max} chars, preferring line breaks, then spaces. */
    static List<String> split(String text, int max) {
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
    static String clip(String text, int max) {
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
