package kr.ieum.channel.line;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The LINE Official Account ({@code ieum.channels.line}).
 *
 * @param enabled       switches the webhook and the sender on ({@code LINE_ENABLED})
 * @param channelSecret the Messaging API channel secret, which signs webhooks ({@code LINE_CHANNEL_SECRET});
 *                      without it every webhook is rejected
 * @param channelToken  the long-lived channel access token ({@code LINE_CHANNEL_TOKEN})
 * @param apiUrl        the Messaging API's base URL (a local stand-in in tests)
 * @param replyWindow   how long after an event its reply token is still used; later replies are pushed.
 *                      LINE lets a token live about a minute; the margin covers clock skew and queueing.
 */
@ConfigurationProperties("ieum.channels.line")
record LineProperties(
        @Bindable(defaultValue = "false") boolean enabled,
        @Nullable String channelSecret,
        @Nullable String channelToken,
        @Bindable(defaultValue = "https://api.line.me") String apiUrl,
        @Bindable(defaultValue = "50s") Duration replyWindow) {

    LineProperties {
        apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    }

    /** Never prints the secret or the token. */
    @Override
    public String toString() {
        return "LineProperties[enabled=" + enabled + ", apiUrl=" + apiUrl + ", replyWindow=" + replyWindow + "]";
    }
}
