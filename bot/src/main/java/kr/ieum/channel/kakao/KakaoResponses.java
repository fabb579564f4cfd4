package kr.ieum.channel.kakao;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.ieum.channel.PublicUrl;
import kr.ieum.channel.TextChunks;
import kr.ieum.channel.TextRendering;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.Messages;

/**
 * Renders replies as a skill response, version 2.0: up to 3 {@code simpleText} outputs of at most 1000 chars
 * (numbered lines included) and up to 10 {@code quickReplies} ({@code label} at most 14 chars, {@code action:
 * message}, {@code messageText} = the option key, which comes back as the resident's utterance). An answer too
 * long for three outputs is cut and ends with a link to its answer page. Links in a reply come after its text as a
 * {@code textCard} whose {@code webLink} buttons open them (a topic link, its answer page), while an output is left.
 */
@Singleton
class KakaoResponses {
    static final int MAX_OUTPUTS = 3;
    static final int MAX_TEXT = 1000;
    static final int MAX_QUICK_REPLIES = 10;
    static final int MAX_LABEL = 14;
    static final int MAX_CARD_BUTTONS = 3;
    private static final int MAX_CARD_TEXT = 400;
    private final JsonMapper json;
    private final Messages messages;
    private final PublicUrl publicUrl;

    KakaoResponses(JsonMapper json, Messages messages, PublicUrl publicUrl) {
        this.json = json;
        this.messages = messages;
        this.publicUrl = publicUrl;
    }

    String render(List<OutboundMessage> replies, String language) {
        if (replies.isEmpty()) {
            // a person answers this resident and the bot is quiet; a skill response needs an output: acknowledge the message
            return render(List.of(OutboundMessage.of(messages.render(language, "handoff.passed"))), language);
        }
        List<String> parts = new ArrayList<>();
        List<Map<String, Object>> quickReplies = new ArrayList<>();
        String topic = null;
        for (OutboundMessage reply : replies) {
            parts.add(TextRendering.plain(reply));
            if (topic == null && reply.isAnswer()) {
                topic = reply.topic();
            }
            for (OutboundMessage.Option option : reply.options()) {
                if (quickReplies.size() < MAX_QUICK_REPLIES) {
                    quickReplies.add(Map.of("label", TextChunks.clip(option.key() + ". " + option.label().text(), MAX_LABEL),
                            "action", "message", "messageText", option.key()));
                }
            }
        }
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (String text : pack(parts, topic, language)) {
            outputs.add(Map.of("simpleText", Map.of("text", text)));
        }
        List<TextRendering.Link> links = new ArrayList<>();
        for (OutboundMessage reply : replies) {
            links.addAll(TextRendering.links(reply, t -> publicUrl.answerPage(t, reply.text().locale())));
        }
        if (!links.isEmpty() && outputs.size() < MAX_OUTPUTS) {
            outputs.add(Map.of("textCard", linkCard(links)));
        }
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("outputs", outputs);
        if (!quickReplies.isEmpty()) {
            template.put("quickReplies", quickReplies);
        }
        return write(Map.of("version", "2.0", "template", template));
    }

    /** A reply's links as a text card whose buttons open them (at most three; a topic link opens its answer page). */
    static Map<String, Object> linkCard(List<TextRendering.Link> links) {
        List<Map<String, Object>> buttons = new ArrayList<>();
        for (TextRendering.Link link : links.stream().distinct().limit(MAX_CARD_BUTTONS).toList()) {
            buttons.add(Map.of("action", "webLink", "label", TextChunks.clip(link.label().isEmpty() ? link.url() : link.label(), MAX_LABEL),
                    "webLinkUrl", link.url()));
        }
        String description = TextChunks.clip(String.join(" · ", links.stream().distinct().limit(MAX_CARD_BUTTONS)
                .map(TextRendering.Link::label).toList()), MAX_CARD_TEXT);
        return Map.of("description", description, "buttons", buttons);
    }

    /** A neutral "your answer is on its way" while the first of two identical requests is still running. */
    String pending(String hint) {
        // no turn to say which language: the request's hint, else Korean (KakaoTalk's home language)
        String language = messages.locales().match(hint).orElse("ko");
        return render(List.of(OutboundMessage.of(messages.render(language, "kakao.pending"))), language);
    }

    /** Tells Kakao the answer will come through the callback URL. */
    String useCallback() {
        return write(Map.of("version", "2.0", "useCallback", true));
    }

    /** Packs texts into at most 3 outputs of at most 1000 chars, joining short ones, linking a cut answer. */
    private List<String> pack(List<String> texts, String topic, String language) {
        List<String> pieces = new ArrayList<>();
        for (String text : texts) {
            pieces.addAll(TextChunks.splitTrimmed(text, MAX_TEXT));
        }
        List<String> outputs = new ArrayList<>();
        for (String piece : pieces) {
            int last = outputs.size() - 1;
            if (last >= 0 && outputs.get(last).length() + 2 + piece.length() <= MAX_TEXT && outputs.size() >= MAX_OUTPUTS) {
                outputs.set(last, outputs.get(last) + "\n\n" + piece);
            } else {
                outputs.add(piece);
            }
        }
        if (outputs.size() <= MAX_OUTPUTS) {
            return outputs;
        }
        List<String> kept = new ArrayList<>(outputs.subList(0, MAX_OUTPUTS));
        String third = kept.get(MAX_OUTPUTS - 1);
        if (topic != null) {
            String link = messages.render(language, "answer.link", Map.of("url", publicUrl.answerPage(topic, language))).text();
            third = TextChunks.clip(third, MAX_TEXT - link.length() - 2) + "\n\n" + link;
        }
        kept.set(MAX_OUTPUTS - 1, TextChunks.clip(third, MAX_TEXT));
        return kept;
    }

    private String write(Object value) {
        try {
            return new String(json.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
