package kr.ieum.channel.meta;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.ieum.channel.Capability;
import kr.ieum.channel.ChannelAdapter;
import kr.ieum.channel.Delivery;
import kr.ieum.channel.DeliveryFailed;
import kr.ieum.channel.Signatures;
import kr.ieum.channel.TextChunks;
import kr.ieum.channel.PublicUrl;
import kr.ieum.channel.TextRendering;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.Messages;

/**
 * WhatsApp Cloud replies ({@code POST {graph}/{phone-number-id}/messages}, from the number the resident wrote
 * to). Options become reply buttons (up to 3) or a list (up to 10 rows) while the numbered lines stay in the
 * body, so typing the number always works; longer texts go as plain text of at most 4096 chars.
 * <p>
 * Free-form messages are allowed only within 24 hours of the resident's last message (Meta's customer service
 * window). Outside it only an approved template may be sent: the configured one, else the reply is
 * dead-lettered with a clear error.
 */
@Singleton
@Requires(property = "ieum.channels.meta.enabled", value = "true")
class WhatsAppCloudAdapter implements ChannelAdapter {
    static final Duration SERVICE_WINDOW = Duration.ofHours(24);
    static final int MAX_TEXT = 4096;
    static final int MAX_INTERACTIVE_BODY = 1024;
    static final int MAX_BUTTONS = 3;
    static final int MAX_ROWS = 10;
    static final int MAX_BUTTON_TITLE = 20;
    static final int MAX_ROW_TITLE = 24;
    static final int MAX_ROW_DESCRIPTION = 72;
    private final GraphApi graph;
    private final MetaProperties properties;
    private final Messages messages;

    private final PublicUrl publicUrl;

    WhatsAppCloudAdapter(GraphApi graph, MetaProperties properties, Messages messages, PublicUrl publicUrl) {
        this.graph = graph;
        this.properties = properties;
        this.messages = messages;
        this.publicUrl = publicUrl;
    }

    @Override
    public String channel() {
        return MetaPayloadMapper.WHATSAPP;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.BUTTONS, Capability.LINKS);
    }

    /** No reminders: a reply needs the business number id of an inbound message. */
    @Override
    public boolean proactive() {
        return false;
    }

    @Override
    public String send(Delivery delivery) {
        return send(delivery, Progress.NONE);
    }

    /**
     * Each Graph call is one message of the delivery; those WhatsApp took in an earlier attempt are not sent again. The
     * Cloud API takes no idempotency key: only a call whose answer was lost (a timeout, a crash in the instant after) can
     * reach the resident twice. A delivery begun inside the 24-hour window whose retry comes after it closed keeps
     * what went and is dead-lettered: the template stands for a whole reply, not for its rest.
     */
    @Override
    public String send(Delivery delivery, Progress progress) {
        String from = delivery.context(MetaPayloadMapper.PHONE_NUMBER_ID);
        if (from == null || !from.matches("\\d{1,30}")) {
            throw new DeliveryFailed("WhatsApp reply without the business phone number id", false);
        }
        String path = "/" + from + "/messages";
        if (!withinWindow(delivery.context(MetaPayloadMapper.RECEIVED_AT), Instant.now())) {
            if (progress.done() > 0) {
                throw new DeliveryFailed("WhatsApp customer service window (24 h) closed after " + progress.done()
                        + " message(s) of this reply went", false);
            }
            String id = template(path, delivery);
            progress.sent(id, false);
            return id;
        }
        List<Map<String, Object>> bodies = bodies(delivery);
        String last = null;
        for (int i = Math.min(progress.done(), bodies.size()); i < bodies.size(); i++) {
            last = id(graph.post(path, properties.whatsappToken(), bodies.get(i)));
            progress.sent(last, i + 1 < bodies.size());
        }
        return last;
    }

    /** The delivery as Cloud API bodies, in order: the same in every attempt, so that a retry can skip those sent. */
    private List<Map<String, Object>> bodies(Delivery delivery) {
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (OutboundMessage message : delivery.messages()) {
            String text = TextRendering.linked(message, topic -> publicUrl.answerPage(topic, delivery.language()), "*");
            int options = message.options().size();
            if (options > 0 && options <= MAX_ROWS && text.length() <= MAX_INTERACTIVE_BODY) {
                bodies.add(envelope(delivery.address(), "interactive", interactive(text, message.options(), delivery.language())));
                continue;
            }
            for (String chunk : TextChunks.splitTrimmed(text, MAX_TEXT)) {
                bodies.add(envelope(delivery.address(), "text", Map.of("preview_url", false, "body", chunk)));
            }
        }
        return bodies;
    }

    /** True while the resident's last message ({@code receivedAt}, epoch seconds) is less than 24 hours old. */
    static boolean withinWindow(String receivedAt, Instant now) {
        if (receivedAt == null || !receivedAt.matches("\\d{1,12}")) {
            return false;
        }
        Instant received = Instant.ofEpochSecond(Long.parseLong(receivedAt));
        return received.plus(SERVICE_WINDOW).isAfter(now);
    }

    private String template(String path, Delivery delivery) {
        String name = properties.whatsappTemplate();
        if (!Signatures.configured(name)) {
            throw new DeliveryFailed("WhatsApp customer service window (24 h) is closed and no template is configured "
                    + "(ieum.channels.meta.whatsapp-template)", false);
        }
        Map<String, Object> template = Map.of("name", name.strip(),
                "language", Map.of("code", properties.whatsappTemplateLanguage()));
        return id(graph.post(path, properties.whatsappToken(), envelope(delivery.address(), "template", template)));
    }

    private Map<String, Object> interactive(String text, List<OutboundMessage.Option> options, String language) {
        Map<String, Object> action;
        String type;
        if (options.size() <= MAX_BUTTONS) {
            type = "button";
            List<Map<String, Object>> buttons = new ArrayList<>();
            for (OutboundMessage.Option option : options) {
                buttons.add(Map.of("type", "reply", "reply", Map.of("id", option.key(),
                        "title", TextChunks.clip(option.key() + ". " + option.label().text(), MAX_BUTTON_TITLE))));
            }
            action = Map.of("buttons", buttons);
        } else {
            type = "list";
            List<Map<String, Object>> rows = new ArrayList<>();
            for (OutboundMessage.Option option : options) {
                rows.add(Map.of("id", option.key(),
                        "title", TextChunks.clip(option.key() + ". " + option.label().text(), MAX_ROW_TITLE),
                        "description", TextChunks.clip(option.label().text(), MAX_ROW_DESCRIPTION)));
            }
            String button = TextChunks.clip(messages.render(language, "meta.list.button").text(), MAX_BUTTON_TITLE);
            action = Map.of("button", button, "sections", List.of(Map.of("rows", rows)));
        }
        return Map.of("type", type, "body", Map.of("text", text), "action", action);
    }

    private static Map<String, Object> envelope(String to, String type, Map<String, Object> content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", to);
        body.put("type", type);
        body.put(type, content);
        return body;
    }

    private static String id(JsonNode reply) {
        for (JsonNode message : MetaPayloadMapper.items(reply, "messages")) {
            return MetaPayloadMapper.text(message, "id");
        }
        return null;
    }
}
