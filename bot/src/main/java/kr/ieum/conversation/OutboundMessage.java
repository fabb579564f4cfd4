package kr.ieum.conversation;

import java.util.List;
import kr.ieum.i18n.LocalizedText;

/** One reply: localized text and the numbered options that go with it (empty when none). */
public record OutboundMessage(LocalizedText text, List<Option> options) {

    /** A numbered option: the resident replies with {@code key}. */
    public record Option(String key, LocalizedText label) {}

    static OutboundMessage of(LocalizedText text) {
        return new OutboundMessage(text, List.of());
    }
}
