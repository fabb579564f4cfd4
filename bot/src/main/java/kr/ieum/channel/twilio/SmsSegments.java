package kr.ieum.channel.twilio;

/**
 * How many SMS segments a text costs. A text made only of GSM 03.38 characters goes as GSM-7 (160 septets
 * alone, 153 per part of a concatenated message; a character of the extension table costs two septets and
 * is never split across parts); anything else goes as UCS-2 (70 UTF-16 code units alone, 67 per part; a
 * surrogate pair is never split).
 */
public final class SmsSegments {
    static final int GSM7_SINGLE = 160;
    static final int GSM7_PART = 153;
    static final int UCS2_SINGLE = 70;
    static final int UCS2_PART = 67;

    /** The GSM 03.38 basic character set (without the escape code 0x1B). */
    private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The GSM 03.38 extension table: each costs an escape plus the character. */
    private static final String GSM7_EXTENSION = "\f^{}\\[~]|€";

    private SmsSegments() {}

    /** The encoding a text needs. */
    enum Encoding { GSM7, UCS2 }

    /**
     * What a text costs.
     *
     * @param encoding GSM-7 or UCS-2
     * @param units    septets (GSM-7) or UTF-16 code units (UCS-2)
     * @param segments billed segments (at least 1)
     */
    record Count(Encoding encoding, int units, int segments) {}

    /** The segments {@code text} is billed as, one SMS. */
    public static int segments(String text) {
        return count(text).segments();
    }

    static Count count(String text) {
        Encoding encoding = isGsm7(text) ? Encoding.GSM7 : Encoding.UCS2;
        int single = encoding == Encoding.GSM7 ? GSM7_SINGLE : UCS2_SINGLE;
        int part = encoding == Encoding.GSM7 ? GSM7_PART : UCS2_PART;
        int units = 0;
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int cost = encoding == Encoding.GSM7 ? gsmCost(cp) : Character.charCount(cp);
            units += cost;
            if (used + cost > part) {
                // a character never straddles two parts
                segments++;
                used = 0;
            }
            used += cost;
            i += Character.charCount(cp);
        }
        return new Count(encoding, units, units <= single ? 1 : segments);
    }

    /** True when every character is in the GSM 03.38 basic or extension table. */
    static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM7_BASIC.indexOf(c) < 0 && GSM7_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int gsmCost(int cp) {
        return GSM7_EXTENSION.indexOf(cp) >= 0 ? 2 : 1;
    }
}
