package kr.ieum.api;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.function.UnaryOperator;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.conversation.TurnResult;

/**
 * {@code POST /api/v1/messages} answer. {@code topic} and {@code candidates} are the content outline's fixed ids; an
 * answer from a topic that refines one of them (its {@code parent} in topics.yaml) names that topic in {@code subtopic}.
 */
@Serdeable
public record MessageResponse(String language, String outcome, String topic, @Nullable String subtopic, List<String> candidates,
        double confidence, List<Reply> replies) {

    @Serdeable
    public record Reply(String text, String language, List<Option> options) {}

    @Serdeable
    public record Option(String key, String label) {}

    static MessageResponse of(TurnResult r, UnaryOperator<String> family) {
        List<Reply> replies = r.replies().stream().map(MessageResponse::reply).toList();
        String topic = r.topic() == null ? null : family.apply(r.topic());
        String subtopic = topic == null || topic.equals(r.topic()) ? null : r.topic();
        return new MessageResponse(r.language(), r.outcome(), topic, subtopic, r.candidates().stream().map(family).distinct().toList(),
                r.confidence(), replies);
    }

    private static Reply reply(OutboundMessage m) {
        return new Reply(m.text().text(), m.text().locale(),
                m.options().stream().map(o -> new Option(o.key(), o.label().text())).toList());
    }
}
