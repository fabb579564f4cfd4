package kr.ieum.outreach;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Map;

/**
 * {@code ieum.announcements.*}: how fast announcements go out.
 *
 * @param poll  how often the sender runs
 * @param burst how much unused sending time is saved up (a poll after a pause sends at most {@code rate x burst})
 * @param rate  messages per second per channel, unless {@code rates} names the channel (a provider's limit: Twilio sends
 *              1 SMS per second from a long code, Telegram about 30 messages per second)
 * @param rates messages per second for particular channels ({@code twilio: 1})
 * @param whatsappTemplate the approved WhatsApp template (Twilio Content SID, {@code HX...}) announcements go as to
 *              residents outside the 24-hour window; its one variable {@code {{1}}} is the announcement's text. Unset:
 *              those residents are skipped
 */
@ConfigurationProperties("ieum.announcements")
public record AnnouncementProperties(@Bindable(defaultValue = "1s") Duration poll, @Bindable(defaultValue = "1s") Duration burst,
        @Bindable(defaultValue = "10") double rate,
        @Nullable Map<String, Double> rates, @Nullable String whatsappTemplate) {

    /** Messages per second on {@code channel}. */
    public double rate(String channel) {
        return rates != null && rates.containsKey(channel) ? rates.get(channel) : rate;
    }
}
