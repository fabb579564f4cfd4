package kr.ieum.contact;

import java.util.regex.Pattern;

/**
 * Removes personal identifiers from a message before it is stored: e-mail addresses, Korean registration
 * numbers (6 digits, optional hyphen, 7 digits), passport numbers and phone numbers. The placeholders are
 * not user-facing; they only mark where something was removed.
 */
public final class Redactor {
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}");
    private static final Pattern REGISTRATION = Pattern.compile("(?<!\\d)\\d{6}\\s?[-–]?\\s?[1-8]\\d{6}(?!\\d)");
    private static final Pattern PASSPORT = Pattern.compile("(?<![\\p{L}\\p{N}])[A-Za-z]{1,2}\\d{6,9}(?![\\p{L}\\p{N}])");
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{N}])\\+?\\d[\\d\\s().-]{7,18}\\d(?![\\p{N}])");

    private Redactor() {}

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = EMAIL.matcher(text).replaceAll("[email]");
        out = REGISTRATION.matcher(out).replaceAll("[id-number]");
        out = PASSPORT.matcher(out).replaceAll("[passport]");
        return PHONE.matcher(out).replaceAll("[phone]");
    }
}
