package kr.ieum.channel.kakao;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.Locale;

/**
 * What we read from a Kakao i Open Builder skill payload ({@code userRequest.utterance},
 * {@code userRequest.user.id} = the botUserKey, {@code userRequest.lang}, {@code userRequest.callbackUrl},
 * {@code bot.id}); the rest ({@code intent}, {@code action.params}, {@code contexts}) is not needed. The wire
 * format stops here.
 *
 * @param botId       the bot's id (empty when absent)
 * @param userId      the resident's botUserKey
 * @param utterance   what the resident typed or tapped
 * @param lang        a language hint as one of our BCP 47 tags, or null
 * @param callbackUrl the one-time callback URL when the block has callback enabled, else null
 */
record SkillRequest(String botId, String userId, String utterance, String lang, String callbackUrl) {

    /** The body is not a skill request. */
    static final class Malformed extends RuntimeException {
        Malformed(String why) {
            super(why, null, false, false);
        }
    }

    static SkillRequest parse(JsonMapper json, byte[] body) {
        JsonNode root;
        try {
            root = body == null ? null : json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new Malformed("not JSON");
        }
        JsonNode user = child(child(root, "userRequest"), "user");
        JsonNode request = child(root, "userRequest");
        String userId = text(user, "id");
        String utterance = text(request, "utterance");
        if (userId == null || userId.isBlank() || userId.length() > 200 || utterance == null) {
            throw new Malformed("no userRequest.user.id or userRequest.utterance");
        }
        String botId = text(child(root, "bot"), "id");
        return new SkillRequest(botId == null ? "" : botId, userId, utterance, lang(text(request, "lang")),
                text(request, "callbackUrl"));
    }

    /** Kakao writes Korean as {@code kr} (a country code); everything else is passed on as a BCP 47 hint. */
    private static String lang(String lang) {
        if (lang == null || lang.isBlank()) {
            return null;
        }
        String lower = lang.strip().toLowerCase(Locale.ROOT);
        return lower.equals("kr") ? "ko" : lower;
    }

    private static JsonNode child(JsonNode node, String field) {
        return node != null && node.isObject() ? node.get(field) : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = child(node, field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }
}
