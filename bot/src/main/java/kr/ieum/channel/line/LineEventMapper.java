package kr.ieum.channel.line;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.ieum.channel.InboundEnvelope;

/**
 * Maps LINE webhook events to {@link InboundEnvelope}s: text messages, quick-reply postbacks (their data is
 * the option key, as if the resident typed the number), follows (START: the bot greets a new friend);
 * images, stickers, audio, files and locations become non-text. Everything else is skipped.
 *
 * <p>Idempotency key: {@code webhookEventId} (LINE resends an event with {@code deliveryContext.isRedelivery}
 * and the same id), else the message id. The reply token and the event time go into the context so the
 * sender can reply while the token is fresh.
 */
@Singleton
class LineEventMapper {
    static final String CHANNEL = "line";
    static final String CONTEXT_REPLY_TOKEN = "replyToken";
    static final String CONTEXT_TIMESTAMP = "timestamp";
    static final String CONTEXT_EVENT = "webhookEventId";
    // what the engine understands as the START command in every language
    private static final String START = "/start";

    private final ObjectMapper json;

    LineEventMapper(ObjectMapper json) {
        this.json = json;
    }

    /** A body that is not a LINE webhook. */
    static final class MalformedWebhook extends RuntimeException {
        MalformedWebhook(String message) {
            super(message);
        }

        MalformedWebhook(String message, Throwable cause) {
            super(message, cause);
        }
    }

    List<LineInbound> read(byte[] body) {
        LineWebhook webhook;
        try {
            webhook = json.readValue(body, LineWebhook.class);
        } catch (IOException | RuntimeException e) {
            // the parser's message may quote the body, and its type names our parser: both stay out of the answer
            throw new MalformedWebhook("unreadable LINE webhook", e);
        }
        if (webhook == null) {
            throw new MalformedWebhook("not a LINE webhook");
        }
        List<LineInbound> out = new ArrayList<>();
        if (webhook.events() != null) {
            for (LineWebhook.Event event : webhook.events()) {
                out.add(event == null ? new LineInbound.Unknown("null") : map(event));
            }
        }
        return out;
    }

    LineInbound map(LineWebhook.Event e) {
        String type = e.type() == null ? "untyped" : e.type();
        if ("standby".equals(e.mode())) {
            // another channel (a chat module) owns the conversation: do not answer
            return new LineInbound.Unknown(type + " (standby)");
        }
        String user = e.source() == null ? null : e.source().userId();
        // an empty id is no one's (and would not survive the inbox's JSON: the turn would fail at every retry)
        if (user == null || user.isBlank()) {
            return new LineInbound.Unknown(type + " (no user id)");
        }
        String text;
        boolean nonText = false;
        switch (type) {
            case "message" -> {
                if (e.message() == null) {
                    return new LineInbound.Unknown("message (empty)");
                }
                if ("text".equals(e.message().type())) {
                    text = e.message().text();
                } else {
                    text = "";
                    nonText = true;
                }
            }
            case "postback" -> {
                if (e.postback() == null || e.postback().data() == null) {
                    return new LineInbound.Unknown("postback (no data)");
                }
                text = e.postback().data();
            }
            case "follow" -> text = START;
            default -> {
                return new LineInbound.Unknown(type);
            }
        }
        String key = e.webhookEventId() != null ? e.webhookEventId()
                : e.message() != null && e.message().id() != null ? "message:" + e.message().id() : null;
        if (key == null) {
            return new LineInbound.Unknown(type + " (no event id)");
        }
        Map<String, String> context = new HashMap<>();
        if (e.replyToken() != null) {
            context.put(CONTEXT_REPLY_TOKEN, e.replyToken());
        }
        if (e.timestamp() != null) {
            context.put(CONTEXT_TIMESTAMP, String.valueOf(e.timestamp()));
        }
        context.put(CONTEXT_EVENT, key);
        return new LineInbound.Accepted(new InboundEnvelope(CHANNEL, key, user, text, null, nonText, context));
    }
}
