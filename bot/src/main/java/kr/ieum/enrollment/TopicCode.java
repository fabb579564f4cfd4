package kr.ieum.enrollment;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A code that opens a knowledge-base topic from a deep link: {@code t_<topic>[_c-<campaign>][_l-<language>]}, the
 * topic counterpart of {@link StartCode} (same characters, so it works as a Telegram {@code /start} payload, a prefilled
 * WhatsApp or LINE message and in the web chat). A campaign that opens a topic rather than the guide shares it.
 */
public record TopicCode(String topic, String campaign, String language) {
    private static final Pattern CODE = Pattern.compile("(?:/start\\s+)?t_([a-z0-9]+(?:-[a-z0-9]+)*)"
            + "(?:_c-([A-Za-z0-9-]{1,24}))?(?:_l-([A-Za-z]{2,3}(?:-[A-Za-z]{4})?))?");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern CAMPAIGN = Pattern.compile("[A-Za-z0-9-]{1,24}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z]{4})?");

    /** Reads a topic code from a message (optionally after {@code /start }); empty when it is not one. */
    public static Optional<TopicCode> parse(String text) {
        if (text == null || text.length() > 80) {
            return Optional.empty();
        }
        Matcher m = CODE.matcher(text.strip());
        return m.matches() ? Optional.of(new TopicCode(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /** Builds a code from a link's parts; empty when a part has characters a code cannot carry or it is too long. */
    public static Optional<TopicCode> of(String topic, String campaign, String language) {
        if (topic == null || !ID.matcher(topic).matches() || (campaign != null && !CAMPAIGN.matcher(campaign).matches())
                || (language != null && !LANGUAGE.matcher(language).matches())) {
            return Optional.empty();
        }
        TopicCode code = new TopicCode(topic, campaign, language);
        return code.text().length() <= 64 ? Optional.of(code) : Optional.empty();
    }

    /** The code as residents send it. */
    public String text() {
        return "t_" + topic + (campaign == null ? "" : "_c-" + campaign) + (language == null ? "" : "_l-" + language);
    }
}
