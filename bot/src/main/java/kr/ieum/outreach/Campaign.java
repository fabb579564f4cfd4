package kr.ieum.outreach;

import java.time.LocalDate;
import java.util.List;

/**
 * A campaign a community association shares: its link {@code /c/<code>} opens a light page in the residents' language
 * with buttons into the enrollment journey (at {@code journeyStep}, or its start), attributed to the campaign.
 *
 * @param languages the languages the association reaches (the page's first choice is the first of them)
 * @param channels  the channels its page offers ({@link #CHANNELS}); empty: every channel the service has
 * @param topic     the knowledge-base topic it opens instead of the enrollment guide, or null
 */
public record Campaign(long id, String code, String name, long organisationId, String organisation, List<String> languages,
        String journeyStep, LocalDate startsOn, LocalDate endsOn, String smsKeyword, List<String> channels, String topic) {

    /** The channels a campaign page can offer, in the page's order. */
    public static final List<String> CHANNELS = List.of("webchat", "telegram", "whatsapp", "line", "kakao", "sms");

    /** True when the page offers {@code channel}. */
    public boolean offers(String channel) {
        return channels.isEmpty() || channels.contains(channel);
    }

    /** Codes residents type or scan: 3 to 24 of a-z, 0-9 and dashes (they ride in start codes, StartCode). */
    public static boolean validCode(String code) {
        return code != null && code.matches("[a-z0-9][a-z0-9-]{2,23}");
    }

    public boolean runningOn(LocalDate day) {
        return !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }
}
