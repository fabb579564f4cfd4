package kr.ieum.channel.meta;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.ieum.channel.Capability;
import kr.ieum.channel.ChannelAdapter;
import kr.ieum.channel.Delivery;
import kr.ieum.channel.TextChunks;
import kr.ieum.channel.PublicUrl;
import kr.ieum.channel.TextRendering;
import kr.ieum.conversation.OutboundMessage;

/**
 * Messenger replies through the Send API ({@code POST {graph}/me/messages} with the page token): text of at most
 * 2000 chars per message (longer replies are split), numbered options both in the text and as quick replies
 * (at most 13, titles of at most 20 chars, payload = the option key, which comes back as the resident's text).
 */
@Singleton
@Requires(property = "ieum.channels.meta.enabled", value = "true")
class MessengerAdapter implements ChannelAdapter {
    static final int MAX_TEXT = 2000;
    static final int MAX_QUICK_REPLIES = 13;
    static final int MAX_TITLE = 20;
    private final GraphApi graph;
    private final MetaProperties properties;
    private final PublicUrl publicUrl;

    MessengerAdapter(GraphApi graph, MetaProperties properties, PublicUrl publicUrl) {
        this.graph = graph;
        this.properties = properties;
        this.publicUrl = publicUrl;
    }

    @Override
    public String channel() {
        return MetaPayloadMapper.MESSENGER;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.BUTTONS, Capability.LINKS);
    }

    @Override
    public String send(Delivery delivery) {
        return send(delivery, Progress.NONE);
    }

    /**
     * Each Send API call is one message of the delivery; those Messenger took in an earlier attempt are not sent again.
     * The Send API takes no idempotency key: only a call whose answer was lost (a timeout, a crash in the instant after)
     * can reach the resident twice.
     */
    @Override
    public String send(Delivery delivery, Progress progress) {
        List<Map<String, Object>> bodies = bodies(delivery);
        String last = null;
        for (int i = Math.min(progress.done(), bodies.size()); i < bodies.size(); i++) {
            JsonNode reply = graph.post("/me/messages", properties.pageToken(), bodies.get(i));
            last = MetaPayloadMapper.text(reply, "message_id");
            progress.sent(last, i + 1 < bodies.size());
        }
        return last;
    }

    /** The delivery as Send API bodies, in order: the same in every attempt, so that a retry can skip those sent. */
    private List<Map<String, Object>> bodies(Delivery delivery) {
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (OutboundMessage message : delivery.messages()) {
            List<String> chunks = TextChunks.splitTrimmed(TextRendering.linked(message, topic -> publicUrl.answerPage(topic, delivery.language()), null), MAX_TEXT);
            for (int i = 0; i < chunks.size(); i++) {
                Map<String, Object> content = new LinkedHashMap<>();
                content.put("text", chunks.get(i));
                if (i == chunks.size() - 1 && !message.options().isEmpty()) {
                    content.put("quick_replies", quickReplies(message.options()));
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("recipient", Map.of("id", delivery.address()));
                body.put("messaging_type", "RESPONSE");
                body.put("message", content);
                bodies.add(body);
            }
        }
        return bodies;
    }

    static List<Map<String, Object>> quickReplies(List<OutboundMessage.Option> options) {
        List<Map<String, Object>> replies = new ArrayList<>();
        for (OutboundMessage.Option option : options.subList(0, Math.min(MAX_QUICK_REPLIES, options.size()))) {
            replies.add(Map.of("content_type", "text",
                    "title", TextChunks.clip(option.key() + ". " + option.label().text(), MAX_TITLE),
                    "payload", option.key()));
        }
        return replies;
    }
}
