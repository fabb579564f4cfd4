package kr.ieum.channel.line;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The part of a Messaging API webhook body (https://developers.line.biz/en/reference/messaging-api/#webhook-event-objects)
 * Ieum reads. Other fields and event types are ignored (see {@link LineInbound.Unknown}).
 */
@Serdeable
record LineWebhook(@Nullable String destination, @Nullable List<Event> events) {

    @Serdeable
    record Event(
            @Nullable String type,
            @Nullable String mode,
            @Nullable Long timestamp,
            @Nullable Source source,
            @Nullable String webhookEventId,
            @Nullable DeliveryContext deliveryContext,
            @Nullable String replyToken,
            @Nullable Message message,
            @Nullable Postback postback) {}

    @Serdeable
    record Source(@Nullable String type, @Nullable String userId) {}

    @Serdeable
    record DeliveryContext(@JsonProperty("isRedelivery") boolean isRedelivery) {}

    /** {@code type}: text, image, video, audio, file, location, sticker (and whatever LINE adds later). */
    @Serdeable
    record Message(@Nullable String id, @Nullable String type, @Nullable String text) {}

    @Serdeable
    record Postback(@Nullable String data) {}
}
