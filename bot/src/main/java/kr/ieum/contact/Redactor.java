package kr.ieum.contact;

import java.util.regex.Pattern;

/**
 * Removes personal identifiers from a message before it is stored: e-mail addresses, Korean registration
 * numbers (6 digits, optional hyphen, 7 digits), passport numbers and phone numbers. The placeholders are
 * not user-facing; they only mark where something was removed.
 */
public final class Redactor {
    // starts only where a token starts, so a long word without '@' is scanned once, not once per letter
    private static final Pattern EMAIL = Pattern.compile("(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}");
    // 6 digits, a dash of any kind (or none, or spaces), 7 digits starting 1-8; digits may be full-width
    private static final Pattern REGISTRATION = Pattern.compile(
            "(?<![\\d\\uFF10-\\uFF19])[\\d\\uFF10-\\uFF19]{6} ?[-\\u2010-\\u2015\\u2212\\uFF0D~_.]? ?[1-8\\uFF11-\\uFF18][\\d\\uFF10-\\uFF19]{6}(?![\\d\\uFF10-\\uFF19])");
    // older passports (M12345678, AB1234567; Vietnam C1234567, China E12345678), the current Korean format (M123A4567) and
    // the Philippines' (P1234567A)
    private static final Pattern PASSPORT = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:[A-Za-z]{1,2}\\d{6,9}|[A-Za-z]\\d{3}[A-Za-z]\\d{4}|[A-Za-z]\\d{7}[A-Za-z])(?![\\p{L}\\p{N}])");
    // 9 to 20 digits with spaces, dots, brackets or dashes (also full-width) between them, an optional leading +
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{N}])[+\\uFF0B]?[\\d\\uFF10-\\uFF19][\\d\\uFF10-\\uFF19\\s().\\-\\u2010-\\u2015\\uFF0D]{7,18}[\\d\\uFF10-\\uFF19](?![\\p{N}])");

    private Redactor() {}

    /** True when {@code text} holds a registration or passport number (the resident is then warned not to send them). */
    public static boolean containsIdNumber(String text) {
        return hasDigit(text) && (REGISTRATION.matcher(text).find() || PASSPORT.matcher(text).find());
    }

    /**
     * True when {@code text} has a digit that any of the number patterns start from (ASCII or full-width): every one of
     * them needs one, and most messages have none, so they skip the patterns.
     */
    private static boolean hasDigit(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' || c >= '\uFF10' && c <= '\uFF19') {
                return true;
            }
        }
        return false;
    }

    /** {@code text} without its registration and passport numbers (for answering as if they were not there). */
    public static String withoutIdNumbers(String text) {
        if (!hasDigit(text)) {
            return text;
        }
        return PASSPORT.matcher(REGISTRATION.matcher(text).replaceAll(" ")).replaceAll(" ").replaceAll("\\s+", " ").strip();
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text.indexOf('@') < 0 ? text : EMAIL.matcher(text).replaceAll("[email]");
        if (!hasDigit(out)) {
            return out;
        }
        out = REGISTRATION.matcher(out).replaceAll("[id-number]");
        out = PASSPORT.matcher(out).replaceAll("[passport]");
        return PHONE.matcher(out).replaceAll("[phone]");
    }
}
