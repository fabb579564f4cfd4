package kr.ieum.conversation;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import kr.ieum.i18n.LocalizedText;

/**
 * One reply: localized text and the numbered options that go with it (empty when none).
 *
 * @param text    the full text
 * @param options numbered options; every channel shows them as numbers, some also as buttons
 * @param topic   the knowledge-base topic when this is an answer, else null (channels link to its page)
 * @param brief   a short version of an answer for channels with small messages (SMS), or null
 * @param page    a site-relative page that shows this message in full (a journey step), for channels that send a
 *                link instead of a text too long for them (SMS), or null
 */
@Serdeable
public record OutboundMessage(LocalizedText text, List<Option> options, String topic, LocalizedText brief, String page) {

    /** A numbered option: the resident replies with {@code key}. */
    @Serdeable
    public record Option(String key, LocalizedText label) {}

    public OutboundMessage {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public OutboundMessage(LocalizedText text, List<Option> options) {
        this(text, options, null, null, null);
    }

    public OutboundMessage(LocalizedText text, List<Option> options, String topic, LocalizedText brief) {
        this(text, options, topic, brief, null);
    }

    public static OutboundMessage of(LocalizedText text) {
        return new OutboundMessage(text, List.of());
    }

    /** True when this is a knowledge-base answer. */
    public boolean isAnswer() {
        return topic != null;
    }
}
