package kr.ieum.channel.line;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import kr.ieum.channel.Capability;
import kr.ieum.channel.ChannelAdapter;
import kr.ieum.channel.Delivery;
import kr.ieum.channel.DeliveryFailed;
import kr.ieum.channel.PublicUrl;
import kr.ieum.channel.Signatures;
import kr.ieum.channel.TextChunks;
import kr.ieum.channel.TextRendering;
import kr.ieum.conversation.OutboundMessage;

/**
 * Sends replies with the Messaging API: the free reply API while the event's reply token is fresh (it lives
 * about a minute and works once), else the push API. Up to five message objects per call; numbered options
 * stay in the text and are also offered as quick-reply postback buttons (at most 13, labels cut to 20
 * characters) whose data is the option's key; a reply's links follow its text as a buttons template (a topic link
 * opens its answer page). Each call LINE takes is recorded, so a retry sends only the calls left, and pushes carry an
 * {@code X-Line-Retry-Key}, so a retry after a lost response is not delivered twice (see {@link #send(Delivery, Progress)}).
 */
@Singleton
@Requires(property = "ieum.channels.line.enabled", value = "true")
class LineSender implements ChannelAdapter {
    static final int MAX_TEXT = 5000;
    static final int MAX_MESSAGES_PER_CALL = 5;
    static final int MAX_QUICK_REPLIES = 13;
    static final int MAX_LABEL = 20;
    private static final int MAX_DISPLAY_TEXT = 300;
    static final int MAX_LINK_BUTTONS = 4;
    private static final int MAX_TEMPLATE_TEXT = 160;
    private static final int MAX_DATA = 300;

    private final LineProperties properties;
    private final ObjectMapper json;
    private final HttpClient http;
    private final PublicUrl publicUrl;

    LineSender(LineProperties properties, ObjectMapper json, PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public String channel() {
        return LineEventMapper.CHANNEL;
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
     * Each call (up to five message objects) is one unit of the delivery: those LINE took in an earlier attempt are not
     * sent again, and every push carries a retry key, the same in every attempt, so a push whose answer was lost is
     * refused (409) instead of delivered twice. The reply API takes no retry key, and LINE answers "invalid reply token"
     * alike for a token used and for one expired: when the answer to the first call, sent as a reply, was lost (a timeout,
     * a 5xx, a crash in the instant after), the retry pushes that call and the resident may see it twice. We accept that
     * rare case to keep answers on the free reply API.
     */
    @Override
    public String send(Delivery delivery, Progress progress) {
        if (!Signatures.configured(properties.channelToken())) {
            throw new DeliveryFailed("line channel access token is not configured", false);
        }
        List<Map<String, Object>> objects = objects(delivery);
        String token = delivery.context(LineEventMapper.CONTEXT_REPLY_TOKEN);
        boolean replyable = token != null && fresh(delivery.context(LineEventMapper.CONTEXT_TIMESTAMP));
        String last = null;
        int batches = (objects.size() + MAX_MESSAGES_PER_CALL - 1) / MAX_MESSAGES_PER_CALL;
        for (int batch = progress.done(); batch < batches; batch++) {
            int from = batch * MAX_MESSAGES_PER_CALL;
            List<Map<String, Object>> messages = objects.subList(from, Math.min(objects.size(), from + MAX_MESSAGES_PER_CALL));
            last = batch == 0 && replyable ? reply(token, messages, delivery, progress) : push(messages, delivery, progress, batch);
            progress.sent(last, batch + 1 < batches);
        }
        return last;
    }

    /** The first call as a reply; a token LINE refuses (expired, or used already) makes it a push. */
    private String reply(String token, List<Map<String, Object>> messages, Delivery delivery, Progress progress) {
        try {
            return call("/v2/bot/message/reply", Map.of("replyToken", token, "messages", messages), null);
        } catch (InvalidReplyToken e) {
            return push(messages, delivery, progress, 0);
        }
    }

    private String push(List<Map<String, Object>> messages, Delivery delivery, Progress progress, int batch) {
        return call("/v2/bot/message/push", Map.of("to", delivery.address(), "messages", messages), retryKey(delivery, progress, batch));
    }

    /** The delivery's message objects, in order: the same in every attempt, so that a retry can skip the calls sent. */
    private List<Map<String, Object>> objects(Delivery delivery) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (OutboundMessage message : delivery.messages()) {
            List<Map<String, Object>> own = new ArrayList<>();
            for (String part : TextChunks.split(TextRendering.plain(message), MAX_TEXT)) {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("type", "text");
                object.put("text", part);
                own.add(object);
            }
            List<TextRendering.Link> links = TextRendering.links(message, topic -> publicUrl.answerPage(topic, message.text().locale()));
            if (!links.isEmpty()) {
                own.add(linkButtons(links));
            }
            if (!message.options().isEmpty() && !own.isEmpty()) {
                own.get(own.size() - 1).put("quickReply", Map.of("items", quickReplies(message.options())));
            }
            objects.addAll(own);
        }
        return objects;
    }

    /**
     * A reply's links as a buttons template (at most four, labels cut to 20 characters): tapping one opens the page (the
     * answer page of a topic link). Its text lists the labels, as does the alternative text older clients show.
     */
    static Map<String, Object> linkButtons(List<TextRendering.Link> links) {
        List<Map<String, Object>> actions = new ArrayList<>();
        for (TextRendering.Link link : links.subList(0, Math.min(MAX_LINK_BUTTONS, links.size()))) {
            actions.add(Map.of("type", "uri", "label", cut(link.label().isEmpty() ? link.url() : link.label(), MAX_LABEL), "uri", link.url()));
        }
        String text = cut(String.join(" · ", links.stream().limit(MAX_LINK_BUTTONS).map(TextRendering.Link::label).toList()), MAX_TEMPLATE_TEXT);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", "template");
        object.put("altText", text);
        object.put("template", Map.of("type", "buttons", "text", text, "actions", actions));
        return object;
    }

    /** Quick-reply postback buttons: label {@code "1. label"} cut to 20 characters, data = the option's key. */
    static List<Map<String, Object>> quickReplies(List<OutboundMessage.Option> options) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (OutboundMessage.Option option : options) {
            if (items.size() == MAX_QUICK_REPLIES) {
                break; // the numbered lines of the text still list every option
            }
            if (option.key().length() > MAX_DATA) {
                continue;
            }
            String line = option.key() + ". " + option.label().text();
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("type", "postback");
            action.put("label", cut(line, MAX_LABEL));
            action.put("data", option.key());
            action.put("displayText", cut(line, MAX_DISPLAY_TEXT));
            items.add(Map.of("type", "action", "action", action));
        }
        return items;
    }

    /** The first {@code max} characters (code points) of {@code text}, ending in an ellipsis when cut. */
    static String cut(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int end = text.offsetByCodePoints(0, max - 1);
        return text.substring(0, end).stripTrailing() + "…";
    }

    private boolean fresh(String timestamp) {
        if (timestamp == null) {
            return false;
        }
        try {
            Instant event = Instant.ofEpochMilli(Long.parseLong(timestamp));
            return Instant.now().isBefore(event.plus(properties.replyWindow()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Same delivery and call → same key, so LINE answers 409 instead of delivering a retried push twice. A reply to an
     * event keys on the event, as before (one delivery per event; a row half sent across an upgrade keeps its keys);
     * anything else (a reminder, an announcement, an agent's words) on the outbox row.
     */
    private static String retryKey(Delivery delivery, Progress progress, int batch) {
        String event = delivery.context(LineEventMapper.CONTEXT_EVENT);
        String of = event != null ? event : progress.key() == null ? null : "outbox:" + progress.key();
        if (of == null) {
            return null; // sent outside the outbox: nothing to key on
        }
        return UUID.nameUUIDFromBytes(("line-push:" + of + ":" + batch).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The reply token was refused: expired or used already. */
    private static final class InvalidReplyToken extends RuntimeException {
        InvalidReplyToken() {
            super("invalid reply token", null, false, false);
        }
    }

    /** Calls the Messaging API; answers the id of the last message sent, if LINE gives one. */
    private String call(String path, Map<String, Object> body, String retryKey) {
        HttpResponse<byte[]> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(properties.apiUrl() + path))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + properties.channelToken())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            if (retryKey != null) {
                request.header("X-Line-Retry-Key", retryKey);
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new DeliveryFailed("line unreachable (" + e.getClass().getSimpleName() + ")", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("line call interrupted", true);
        }
        int status = response.statusCode();
        JsonNode answer = parse(response.body());
        String message = answer == null || answer.get("message") == null ? "" : answer.get("message").coerceStringValue();
        if (status == 409 && retryKey != null) {
            // "The retry key is already accepted": an earlier attempt of this push got through
            return response.headers().firstValue("x-line-accepted-request-id").orElse(null);
        }
        if (status == 400 && path.endsWith("/reply") && message.toLowerCase(Locale.ROOT).contains("reply token")) {
            throw new InvalidReplyToken();
        }
        if (status / 100 != 2) {
            DeliveryFailed failed = DeliveryFailed.forStatus("line", status);
            String detail = message.length() > 120 ? message.substring(0, 120) : message;
            throw new DeliveryFailed(failed.getMessage() + (detail.isEmpty() ? "" : ": " + detail), failed.retryable());
        }
        JsonNode sent = answer == null ? null : answer.get("sentMessages");
        if (sent == null || !sent.isArray() || sent.size() == 0) {
            return null;
        }
        JsonNode id = sent.get(sent.size() - 1).get("id");
        return id == null ? null : id.coerceStringValue();
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            return null; // a proxy's HTML error page: the status code says enough
        }
    }
}
