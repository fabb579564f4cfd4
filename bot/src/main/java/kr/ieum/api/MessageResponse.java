package kr.ieum.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.conversation.TurnResult;

/** {@code POST /api/v1/messages} answer. */
@Serdeable
public record MessageResponse(String language, String outcome, String topic, List<String> candidates, double confidence,
        List<Reply> replies) {

    @Serdeable
    public record Reply(String text, String language, List<Option> options) {}

    @Serdeable
    public record Option(String key, String label) {}

    static MessageResponse of(TurnResult r) {
        List<Reply> replies = r.replies().stream().map(MessageResponse::reply).toList();
        return new MessageResponse(r.language(), r.outcome(), r.topic(), r.candidates(), r.confidence(), replies);
    }

    private static Reply reply(OutboundMessage m) {
        return new Reply(m.text().text(), m.text().locale(),
                m.options().stream().map(o -> new Option(o.key(), o.label().text())).toList());
    }
}
