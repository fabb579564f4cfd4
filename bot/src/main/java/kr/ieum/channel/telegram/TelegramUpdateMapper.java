package kr.ieum.channel.telegram;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.ieum.channel.InboundEnvelope;

/**
 * Maps a Bot API update to an {@link InboundEnvelope}: text (or a caption) from a message, the option key
 * from an inline-keyboard button, {@code /start} (also {@code /start <code>} from a {@code t.me/<bot>?start=<code>}
 * deep link) as the START command; media without a caption become non-text; anything else is skipped.
 */
@Singleton
class TelegramUpdateMapper {
    static final String CHANNEL = "telegram";
    /** Context key of a deep link's start parameter, kept for campaign tracking. */
    static final String CONTEXT_START = "start";
    // /start, /start@SomeBot, each optionally followed by a deep-link parameter (A-Z a-z 0-9 _ -, up to 64)
    private static final Pattern START = Pattern.compile("^/start(?:@\\w+)?(?:\\s+(\\S*))?\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern START_PARAM = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    // /menu@SomeBot → /menu: commands addressed to this bot in a group
    private static final Pattern ADDRESSED_COMMAND = Pattern.compile("^(/\\w+)@\\w+");

    private final ObjectMapper json;

    TelegramUpdateMapper(ObjectMapper json) {
        this.json = json;
    }

    /** An update that is not JSON or not an update at all. */
    static final class MalformedUpdate extends RuntimeException {
        MalformedUpdate(String message, Throwable cause) {
            super(message, cause);
        }
    }

    TelegramInbound read(byte[] body) {
        JsonNode tree;
        TelegramUpdate update;
        try {
            tree = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
        if (tree == null || !tree.isObject() || tree.get("update_id") == null || !tree.get("update_id").isNumber()) {
            throw new MalformedUpdate("not a Telegram update", null);
        }
        try {
            update = json.readValueFromTree(tree, TelegramUpdate.class);
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
        return map(update, kind(tree));
    }

    // the parser's message may quote the body, and its type names our parser: both stay out of the answer
    private static MalformedUpdate unreadable(Exception e) {
        return new MalformedUpdate("unreadable Telegram update", e);
    }

    TelegramInbound map(TelegramUpdate update, String kind) {
        String id = String.valueOf(update.updateId());
        if (update.message() != null) {
            TelegramUpdate.Message m = update.message();
            if (m.chat() == null) {
                return new TelegramInbound.Unknown(update.updateId(), "message without chat");
            }
            String hint = m.from() == null ? null : m.from().languageCode();
            Map<String, String> context = new HashMap<>();
            String text = m.text() != null ? m.text() : m.caption();
            if (text == null && !m.hasMedia()) {
                // service messages: members joining, pinned messages, chat photo changes...
                return new TelegramInbound.Unknown(update.updateId(), "message (service)");
            }
            if (m.text() != null) {
                text = command(m.text(), context);
            }
            boolean nonText = m.text() == null;
            return new TelegramInbound.Accepted(new InboundEnvelope(CHANNEL, id, String.valueOf(m.chat().id()), text, hint,
                    nonText, context), null);
        }
        if (update.callbackQuery() != null) {
            TelegramUpdate.CallbackQuery q = update.callbackQuery();
            Long chat = q.message() != null && q.message().chat() != null ? Long.valueOf(q.message().chat().id())
                    : q.from() != null ? Long.valueOf(q.from().id()) : null;
            if (q.data() == null || chat == null) {
                // game buttons carry no data
                return new TelegramInbound.Unknown(update.updateId(), "callback_query without data");
            }
            String hint = q.from() == null ? null : q.from().languageCode();
            return new TelegramInbound.Accepted(new InboundEnvelope(CHANNEL, id, String.valueOf(chat), q.data(), hint, false,
                    Map.of()), q.id());
        }
        return new TelegramInbound.Unknown(update.updateId(), kind);
    }

    /** {@code /start <code>} → {@code /start}, with the code kept in the context; {@code /menu@Bot} → {@code /menu}. */
    private static String command(String text, Map<String, String> context) {
        String trimmed = text.strip();
        Matcher start = START.matcher(trimmed);
        if (start.matches()) {
            String param = start.group(1);
            if (param != null && START_PARAM.matcher(param).matches()) {
                context.put(CONTEXT_START, param);
            }
            return "/start";
        }
        Matcher addressed = ADDRESSED_COMMAND.matcher(trimmed);
        return addressed.find() ? addressed.group(1) + trimmed.substring(addressed.end()) : text;
    }

    /** The update's kind: its one field besides update_id. */
    private static String kind(JsonNode tree) {
        for (Map.Entry<String, JsonNode> e : tree.entries()) {
            if (!e.getKey().equals("update_id")) {
                return e.getKey();
            }
        }
        return "empty";
    }
}
