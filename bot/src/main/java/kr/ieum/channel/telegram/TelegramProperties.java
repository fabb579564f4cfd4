package kr.ieum.channel.telegram;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The Telegram bot ({@code ieum.channels.telegram}).
 *
 * @param enabled       switches the webhook and the sender on ({@code TELEGRAM_ENABLED})
 * @param botToken      the token BotFather gave ({@code TELEGRAM_BOT_TOKEN}); no default
 * @param webhookSecret the {@code secret_token} given to {@code setWebhook} ({@code TELEGRAM_WEBHOOK_SECRET});
 *                      without it every webhook is rejected
 * @param apiUrl        the Bot API's base URL (a local stand-in in tests)
 */
@ConfigurationProperties("ieum.channels.telegram")
record TelegramProperties(
        @Bindable(defaultValue = "false") boolean enabled,
        @Nullable String botToken,
        @Nullable String webhookSecret,
        @Bindable(defaultValue = "https://api.telegram.org") String apiUrl) {

    TelegramProperties {
        apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    }

    /** Never prints the token or the secret. */
    @Override
    public String toString() {
        return "TelegramProperties[enabled=" + enabled + ", apiUrl=" + apiUrl + "]";
    }
}
