package kr.ieum.channel.telegram;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The part of a Bot API {@code Update} (https://core.telegram.org/bots/api#update) Ieum reads. Every other
 * field is ignored; an update with neither {@code message} nor {@code callback_query} is an unknown kind
 * (see {@link TelegramInbound.Unknown}). Media are kept as opaque maps: only their presence matters.
 */
@Serdeable
record TelegramUpdate(
        @JsonProperty("update_id") long updateId,
        @Nullable Message message,
        @JsonProperty("callback_query") @Nullable CallbackQuery callbackQuery) {

    @Serdeable
    record User(long id, @JsonProperty("language_code") @Nullable String languageCode) {}

    @Serdeable
    record Chat(long id, @Nullable String type) {}

    @Serdeable
    record Message(
            @JsonProperty("message_id") long messageId,
            @Nullable User from,
            @Nullable Chat chat,
            @Nullable String text,
            @Nullable String caption,
            @Nullable List<Object> photo,
            @Nullable Map<String, Object> sticker,
            @Nullable Map<String, Object> voice,
            @Nullable Map<String, Object> audio,
            @Nullable Map<String, Object> video,
            @JsonProperty("video_note") @Nullable Map<String, Object> videoNote,
            @Nullable Map<String, Object> animation,
            @Nullable Map<String, Object> document,
            @Nullable Map<String, Object> location,
            @Nullable Map<String, Object> venue,
            @Nullable Map<String, Object> contact,
            @Nullable Map<String, Object> poll,
            @Nullable Map<String, Object> dice) {

        /** True when the message carries something other than text (a caption may come with it). */
        boolean hasMedia() {
            return photo != null || sticker != null || voice != null || audio != null || video != null
                    || videoNote != null || animation != null || document != null || location != null || venue != null
                    || contact != null || poll != null || dice != null;
        }
    }

    @Serdeable
    record CallbackQuery(String id, @Nullable User from, @Nullable Message message, @Nullable String data) {}
}
