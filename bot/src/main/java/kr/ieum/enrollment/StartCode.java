package kr.ieum.enrollment;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A code that starts a journey at a step, from a deep link: {@code j_<journey>[_<step>][_c-<campaign>][_l-<language>]}. It only uses
 * the characters Telegram allows in a {@code /start} payload ({@code A-Z a-z 0-9 _ -}, up to 64), so the same code works
 * as a Telegram payload, a prefilled WhatsApp message, a LINE or KakaoTalk first message and in the web chat.
 *
 * @param step     the step id, or null for the journey's start
 * @param campaign the campaign code, or null
 * @param language the language the link was shown in (BCP 47, e.g. {@code vi}, {@code zh-Hans}), or null
 */
public record StartCode(String journey, String step, String campaign, String language) {
    private static final Pattern CODE = Pattern.compile("(?:/start\\s+)?j_([a-z0-9]+(?:-[a-z0-9]+)*)"
            + "(?:_(?![cl]-)([a-z0-9]+(?:-[a-z0-9]+)*))?(?:_c-([A-Za-z0-9-]{1,24}))?(?:_l-([A-Za-z]{2,3}(?:-[A-Za-z]{4})?))?");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z]{4})?");
    static final Pattern CAMPAIGN = Pattern.compile("[A-Za-z0-9-]{1,24}");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    // what residents send meaning a code: a start code (also a malformed one, answered as unknown) or a resume code
    private static final Pattern LOOSE_START = Pattern.compile("(?:/start\\s+)?[jt]_[A-Za-z0-9_-]{1,80}");
    private static final Pattern RESUME = Pattern.compile("(?i)r-?([A-HJ-NP-Z2-9]{6})");

    /** Reads a start code from a message (optionally after {@code /start }); empty when it is not one. */
    public static Optional<StartCode> parse(String text) {
        if (text == null || text.length() > 80) {
            return Optional.empty();
        }
        Matcher m = CODE.matcher(text.strip());
        return m.matches() ? Optional.of(new StartCode(m.group(1), m.group(2), m.group(3), m.group(4))) : Optional.empty();
    }

    /** True when {@code text} is meant as a start code, a topic code ({@link TopicCode}) or a resume code (read as such, not as a question). */
    public static boolean looksLikeCode(String text) {
        String t = text == null ? "" : text.strip();
        return LOOSE_START.matcher(t).matches() || RESUME.matcher(t).matches();
    }

    /** The resume code in {@code text} as it is stored ({@code R-XXXXXX}), if the text is one. */
    public static Optional<String> resumeCode(String text) {
        Matcher m = RESUME.matcher(text == null ? "" : text.strip());
        return m.matches() ? Optional.of("R-" + m.group(1).toUpperCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    /** Builds a code from a link's parts; empty when a part has characters a code cannot carry. */
    public static Optional<StartCode> of(String journey, String step, String campaign, String language) {
        if (journey == null || !ID.matcher(journey).matches() || (step != null && !ID.matcher(step).matches())
                || (campaign != null && !CAMPAIGN.matcher(campaign).matches())
                || (language != null && !LANGUAGE.matcher(language).matches())) {
            return Optional.empty();
        }
        StartCode code = new StartCode(journey, step, campaign, language);
        return code.text().length() <= 64 ? Optional.of(code) : Optional.empty();
    }

    /** The code as residents send it. */
    public String text() {
        return "j_" + journey + (step == null ? "" : "_" + step) + (campaign == null ? "" : "_c-" + campaign)
                + (language == null ? "" : "_l-" + language);
    }
}
