package kr.ieum.channel.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import kr.ieum.channel.InboundEnvelope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Bot API updates (golden files) → envelopes. */
class TelegramUpdateMapperTest {
    private final TelegramUpdateMapper mapper = new TelegramUpdateMapper(ObjectMapper.getDefault());

    static byte[] golden(String name) {
        try (InputStream in = TelegramUpdateMapperTest.class.getResourceAsStream("/webhooks/telegram/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InboundEnvelope accepted(String name) {
        return assertInstanceOf(TelegramInbound.Accepted.class, mapper.read(golden(name))).envelope();
    }

    @Test
    void mapsATextMessageWithItsLanguageHintAndChat() {
        InboundEnvelope env = accepted("message-text-ru.json");
        assertEquals("telegram", env.channel());
        assertEquals("857412001", env.providerId());
        assertEquals("5038217766", env.address());
        assertEquals("что такое мобильная карта иностранца?", env.text());
        assertEquals("ru", env.localeHint());
        assertFalse(env.nonText());
    }

    @Test
    void mapsADeepLinkStartToTheStartCommandAndKeepsItsCode() {
        InboundEnvelope env = accepted("message-start-deeplink.json");
        assertEquals("/start", env.text());
        assertEquals("ansan-2026-poster", env.context().get(TelegramUpdateMapper.CONTEXT_START));
    }

    @Test
    void mapsAButtonPressToTheOptionKey() {
        TelegramInbound.Accepted a = assertInstanceOf(TelegramInbound.Accepted.class, mapper.read(golden("callback-query.json")));
        assertEquals("1", a.envelope().text());
        assertEquals("5038217766", a.envelope().address());
        assertEquals("ru", a.envelope().localeHint());
        assertEquals("4382bfdwdsb323b2d9", a.callbackQueryId());
    }

    @Test
    void mapsAStickerToNonText() {
        InboundEnvelope env = accepted("message-sticker.json");
        assertTrue(env.nonText());
        assertEquals("", env.text());
    }

    @Test
    void keepsAPhotosCaptionAsText() {
        InboundEnvelope env = accepted("message-photo.json");
        assertTrue(env.nonText());
        assertEquals("как получить мобильную карту?", env.text());
    }

    @Test
    void skipsUnknownUpdateKinds() {
        assertEquals("edited_message", assertInstanceOf(TelegramInbound.Unknown.class, mapper.read(golden("edited-message.json"))).kind());
        assertEquals("my_chat_member", assertInstanceOf(TelegramInbound.Unknown.class, mapper.read(golden("my-chat-member.json"))).kind());
        String service = "{\"update_id\":5,\"message\":{\"message_id\":9,\"chat\":{\"id\":-100,\"type\":\"group\"},"
                + "\"new_chat_members\":[{\"id\":1,\"is_bot\":false,\"first_name\":\"A\"}]}}";
        assertInstanceOf(TelegramInbound.Unknown.class, mapper.read(service.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void stripsTheBotNameFromGroupCommands() {
        String update = "{\"update_id\":6,\"message\":{\"message_id\":9,\"chat\":{\"id\":-100,\"type\":\"group\"},\"text\":\"/menu@ieum_bot\"}}";
        TelegramInbound.Accepted a = assertInstanceOf(TelegramInbound.Accepted.class, mapper.read(update.getBytes(StandardCharsets.UTF_8)));
        assertEquals("/menu", a.envelope().text());
        assertNull(a.envelope().localeHint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{}", "{\"update_id\":\"x\"}", "{\"update_id\":1,\"message\":\"text\"}", "null"})
    void rejectsWhatIsNotAnUpdate(String body) {
        TelegramUpdateMapper.MalformedUpdate e = assertThrows(TelegramUpdateMapper.MalformedUpdate.class,
                () -> mapper.read(body.getBytes(StandardCharsets.UTF_8)));
        // the message is the 400's body: it names neither the parser's exception nor what the parser said
        assertTrue(e.getMessage().matches("[a-zA-Z ]+"), e.getMessage());
    }
}
