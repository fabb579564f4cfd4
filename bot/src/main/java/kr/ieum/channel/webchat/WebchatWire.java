package kr.ieum.channel.webchat;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The JSON the web chat page and widget exchange with {@code /webchat}; these types stop at this package. */
final class WebchatWire {
    private WebchatWire() {}

    /** {@code POST /webchat/sessions} body (optional): the language the resident chose or the page is in. */
    @Serdeable
    record SessionRequest(@Nullable @Size(max = 64) String lang) {}

    /** A new session: send {@code token} as {@code Authorization: Bearer} (or {@code ?token=} for the event stream). */
    @Serdeable
    record SessionResponse(String token, String sessionId, String language, String dir) {}

    /**
     * {@code POST /webchat/messages} body. {@code clientMessageId} is the idempotency key: a double click or a
     * retried request with the same id is processed once.
     */
    @Serdeable
    record MessageRequest(
            @NotNull String text,
            @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String clientMessageId) {}

    /** The turn's replies, or none with {@code duplicate} for a message already processed. */
    @Serdeable
    record Replies(String language, boolean duplicate, List<Reply> replies) {}

    /**
     * One reply: {@code text} as plain text, {@code html} the same text as safe HTML (links to answer pages),
     * {@code options} numbered choices (send {@code key} to choose), {@code link} the answer page for an answer.
     */
    @Serdeable
    record Reply(String text, String html, String language, String dir, List<Option> options, @Nullable String topic,
            @Nullable String link) {}

    @Serdeable
    record Option(String key, String label) {}

    /** An error for API callers; the page shows its own localized words. */
    @Serdeable
    record Problem(String error) {}
}
