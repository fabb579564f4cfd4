package kr.ieum.channel;

import java.util.List;
import kr.ieum.conversation.OutboundMessage;

/**
 * How one channel would show a reply, for the staff console's side-by-side editor: each channel that renders text its
 * own way (SMS segments and cost, Telegram's HTML, plain-text messengers) shows an editor the result before a resident
 * sees it. Implementations live in the channel's package, next to the renderer they reuse.
 */
public interface ChannelPreview {

    /** Short name staff know the channel by (shown as the preview's heading). */
    String channel();

    /** The messages a resident of {@code locale} would receive for {@code reply}. */
    Preview preview(String locale, OutboundMessage reply);

    /**
     * @param messages what is sent, one entry per message
     * @param html     true when the messages are HTML the channel renders (Telegram), false for plain text
     * @param facts    what it costs or what to watch (segments, encoding, Korean carriers)
     */
    record Preview(String channel, List<String> messages, boolean html, List<Fact> facts) {}

    /** One fact about a preview: a key of the console's words ({@code locales/console/}) and its arguments. */
    record Fact(String key, java.util.Map<String, Object> args) {}
}
