package kr.ieum.channel.meta;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.ieum.channel.InboundEnvelope;
import kr.ieum.language.LanguageResolver;

/**
 * Turns a verified Graph webhook body into {@link MetaEvent}s: Messenger ({@code object: page}, one
 * {@code messaging[]} item per event) and WhatsApp Cloud ({@code object: whatsapp_business_account},
 * {@code changes[].value.messages[]} and {@code statuses[]}). Tolerant: anything unknown becomes
 * {@link MetaEvent.Unknown}; the wire format stops here.
 */
@Singleton
class MetaPayloadMapper {
    static final String MESSENGER = "messenger";
    static final String WHATSAPP = "whatsapp-cloud";
    /** Delivery-context keys for WhatsApp replies. */
    static final String PHONE_NUMBER_ID = "phone_number_id";
    static final String RECEIVED_AT = "received_at";
    private static final Set<String> WHATSAPP_NON_TEXT = Set.of("image", "audio", "video", "document", "sticker",
            "location", "contacts", "unsupported");

    private final JsonMapper json;
    private final LanguageResolver languages;

    MetaPayloadMapper(JsonMapper json, LanguageResolver languages) {
        this.json = json;
        this.languages = languages;
    }

    /** The events of one webhook body; throws {@link MalformedPayload} when it is not JSON at all. */
    List<MetaEvent> map(byte[] body) {
        JsonNode root;
        try {
            root = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new MalformedPayload();
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPayload();
        }
        String object = text(root, "object");
        List<MetaEvent> events = new ArrayList<>();
        if ("page".equals(object)) {
            for (JsonNode entry : items(root, "entry")) {
                for (JsonNode item : items(entry, "messaging")) {
                    events.add(messenger(item));
                }
            }
        } else if ("whatsapp_business_account".equals(object)) {
            for (JsonNode entry : items(root, "entry")) {
                for (JsonNode change : items(entry, "changes")) {
                    whatsapp(change, events);
                }
            }
        } else {
            events.add(new MetaEvent.Unknown("object " + object));
        }
        return events;
    }

    /** The body was not a JSON object. */
    static final class MalformedPayload extends RuntimeException {
        MalformedPayload() {
            super("webhook body is not a JSON object", null, false, false);
        }
    }

    private MetaEvent messenger(JsonNode item) {
        String sender = text(item.get("sender"), "id");
        // an empty id is no one's (and would not survive the inbox's JSON: the turn would fail at every retry)
        if (sender == null || sender.isBlank()) {
            return new MetaEvent.Unknown("messenger item without sender");
        }
        JsonNode message = item.get("message");
        if (message != null && message.isObject()) {
            if (message.get("is_echo") != null && message.get("is_echo").isBoolean() && message.get("is_echo").getBooleanValue()) {
                return new MetaEvent.Unknown("messenger echo");
            }
            String mid = text(message, "mid");
            if (mid == null) {
                return new MetaEvent.Unknown("messenger message without mid");
            }
            // a tapped quick reply carries our option key; its title is only what the resident saw
            String payload = text(message.get("quick_reply"), "payload");
            String text = payload != null ? payload : text(message, "text");
            boolean attachments = message.get("attachments") != null && message.get("attachments").size() > 0;
            boolean nonText = attachments && (text == null || text.isBlank());
            return new MetaEvent.Message(new InboundEnvelope(MESSENGER, mid, sender, text, null, nonText, Map.of()));
        }
        JsonNode postback = item.get("postback");
        if (postback != null && postback.isObject()) {
            String payload = text(postback, "payload");
            String mid = text(postback, "mid");
            String timestamp = text(item, "timestamp");
            if (payload == null || (mid == null && timestamp == null)) {
                return new MetaEvent.Unknown("messenger postback without payload or id");
            }
            String id = mid != null ? mid : "postback:" + sender + ":" + timestamp;
            return new MetaEvent.Message(new InboundEnvelope(MESSENGER, id, sender, payload, null, false, Map.of()));
        }
        return new MetaEvent.Unknown("messenger item without message or postback");
    }

    private void whatsapp(JsonNode change, List<MetaEvent> events) {
        JsonNode value = change.get("value");
        if (!"messages".equals(text(change, "field")) || value == null || !value.isObject()) {
            events.add(new MetaEvent.Unknown("whatsapp field " + text(change, "field")));
            return;
        }
        String phoneNumberId = text(value.get("metadata"), "phone_number_id");
        for (JsonNode message : items(value, "messages")) {
            events.add(whatsappMessage(message, phoneNumberId));
        }
        for (JsonNode status : items(value, "statuses")) {
            String id = text(status, "id");
            String state = text(status, "status");
            events.add(id == null || state == null ? new MetaEvent.Unknown("whatsapp status without id")
                    : new MetaEvent.Status(WHATSAPP, id, state));
        }
    }

    private MetaEvent whatsappMessage(JsonNode message, String phoneNumberId) {
        String id = text(message, "id");
        String from = text(message, "from");
        String type = text(message, "type");
        if (id == null || from == null || from.isBlank() || type == null || phoneNumberId == null) {
            return new MetaEvent.Unknown("whatsapp message without id, sender, type or number");
        }
        String text;
        boolean nonText = false;
        if (type.equals("text")) {
            text = text(message.get("text"), "body");
        } else if (type.equals("interactive")) {
            JsonNode interactive = message.get("interactive");
            // the reply's id is the option key we sent (button or list row)
            String button = text(interactive == null ? null : interactive.get("button_reply"), "id");
            text = button != null ? button : text(interactive == null ? null : interactive.get("list_reply"), "id");
            if (text == null) {
                return new MetaEvent.Unknown("whatsapp interactive " + text(interactive, "type"));
            }
        } else if (type.equals("button")) {
            // a quick-reply button of a template: its text is what the resident means
            text = text(message.get("button"), "text");
        } else if (WHATSAPP_NON_TEXT.contains(type)) {
            nonText = true;
            text = text(message.get(type), "caption");
        } else {
            // reactions, system notices, orders: nothing to answer
            return new MetaEvent.Unknown("whatsapp type " + type);
        }
        Map<String, String> context = new HashMap<>();
        context.put(PHONE_NUMBER_ID, phoneNumberId);
        context.put(RECEIVED_AT, receivedAt(text(message, "timestamp")));
        String hint = languages.hintFromPhone("+" + from).orElse(null);
        return new MetaEvent.Message(new InboundEnvelope(WHATSAPP, id, from, text, hint, nonText, context));
    }

    /** The resident's message time (epoch seconds), which opens WhatsApp's 24-hour customer service window. */
    private static String receivedAt(String timestamp) {
        if (timestamp != null && timestamp.matches("\\d{1,12}")) {
            return timestamp;
        }
        return String.valueOf(Instant.now().getEpochSecond());
    }

    static String text(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        return value.coerceStringValue();
    }

    static Iterable<JsonNode> items(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return List.of();
        }
        JsonNode value = node.get(field);
        return value != null && value.isArray() ? value.values() : List.of();
    }
}
