package kr.ieum.channel.telegram;

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

/**
 * Sends replies with the Bot API's {@code sendMessage}: text with inline HTML ({@code parse_mode=HTML}: bold, links to
 * the answer pages, everything else escaped; plain text for the rare text over 4096 characters), numbered options both as lines of the text and as an inline keyboard whose buttons send the
 * option's key back as {@code callback_data}. Texts over 4096 characters are split; the keyboard goes with
 * the last part.
 */
@Singleton
@Requires(property = "ieum.channels.telegram.enabled", value = "true")
class TelegramSender implements ChannelAdapter {
    static final int MAX_TEXT = 4096;
    private static final int MAX_CALLBACK_DATA_BYTES = 64;
    private static final int MAX_DESCRIPTION = 120;

    private final TelegramProperties properties;
    private final ObjectMapper json;
    private final PublicUrl publicUrl;
    private final HttpClient http;

    TelegramSender(TelegramProperties properties, ObjectMapper json, PublicUrl publicUrl) {
        this.properties = properties;
        this.json = json;
        this.publicUrl = publicUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public String channel() {
        return TelegramUpdateMapper.CHANNEL;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.BUTTONS, Capability.LINKS);
    }

    @Override
    public String send(Delivery delivery) {
        return send(delivery, Progress.NONE);
    }

    /** Each {@code sendMessage} is one message of the delivery; those Telegram took in an earlier attempt are not sent again. */
    @Override
    public String send(Delivery delivery, Progress progress) {
        if (!Signatures.configured(properties.botToken())) {
            throw new DeliveryFailed("telegram bot token is not configured", false);
        }
        String last = null;
        int index = 0;
        List<OutboundMessage> messages = delivery.messages();
        for (int m = 0; m < messages.size(); m++) {
            OutboundMessage message = messages.get(m);
            String html = TextRendering.inlineHtml(message, topic -> publicUrl.answerPage(topic, delivery.language()));
            // a cut could fall inside a tag: a text too long for one message goes as plain text
            boolean asHtml = html.length() <= MAX_TEXT;
            List<String> parts = asHtml ? List.of(html) : TextChunks.split(TextRendering.plain(message), MAX_TEXT);
            for (int i = 0; i < parts.size(); i++) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("chat_id", chatId(delivery.address()));
                body.put("text", parts.get(i));
                if (asHtml) {
                    body.put("parse_mode", "HTML");
                    body.put("link_preview_options", Map.of("is_disabled", true));
                }
                if (i == parts.size() - 1 && !message.options().isEmpty()) {
                    body.put("reply_markup", Map.of("inline_keyboard", keyboard(message.options())));
                }
                if (index++ < progress.done()) {
                    continue;
                }
                last = call("sendMessage", body);
                progress.sent(last, i + 1 < parts.size() || m + 1 < messages.size());
            }
        }
        return last;
    }

    /** One button per row: the option's label, sending its key back. */
    private static List<List<Map<String, String>>> keyboard(List<OutboundMessage.Option> options) {
        List<List<Map<String, String>>> rows = new ArrayList<>();
        for (OutboundMessage.Option option : options) {
            byte[] key = option.key().getBytes(StandardCharsets.UTF_8);
            if (key.length > MAX_CALLBACK_DATA_BYTES) {
                // Telegram refuses the whole message for one oversized callback_data; the numbered line remains
                continue;
            }
            rows.add(List.of(Map.of("text", option.label().text(), "callback_data", option.key())));
        }
        return rows;
    }

    private static Object chatId(String address) {
        try {
            return Long.parseLong(address);
        } catch (NumberFormatException e) {
            return address; // @channelusername
        }
    }

    /** Calls a Bot API method; answers the sent message's id. The URL holds the token: it is never logged. */
    private String call(String method, Map<String, Object> body) {
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(properties.apiUrl() + "/bot" + properties.botToken() + "/" + method))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new DeliveryFailed("telegram unreachable (" + e.getClass().getSimpleName() + ")", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("telegram call interrupted", true);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            DeliveryFailed status = DeliveryFailed.forStatus("telegram", response.statusCode());
            String description = answer == null || answer.get("description") == null ? "" : answer.get("description").coerceStringValue();
            if (description.length() > MAX_DESCRIPTION) {
                description = description.substring(0, MAX_DESCRIPTION);
            }
            // a flood limit says how long to wait: in the answer's parameters, else in the Retry-After header
            JsonNode wait = answer == null || answer.get("parameters") == null ? null : answer.get("parameters").get("retry_after");
            Duration retryAfter = wait != null && wait.isNumber() ? Duration.ofSeconds(wait.getLongValue())
                    : response.headers().firstValue("Retry-After").filter(v -> v.matches("\\d{1,6}")).map(v -> Duration.ofSeconds(Long.parseLong(v)))
                            .orElse(null);
            throw new DeliveryFailed(status.getMessage() + (description.isEmpty() ? "" : ": " + description), status.retryable(), retryAfter);
        }
        JsonNode result = answer == null ? null : answer.get("result");
        JsonNode id = result == null ? null : result.get("message_id");
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
