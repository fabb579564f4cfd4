package kr.ieum.channel.telegram;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import kr.ieum.channel.Signatures;

/**
 * Telegram's webhook authenticity: the {@code X-Telegram-Bot-Api-Secret-Token} header carries the
 * {@code secret_token} we gave {@code setWebhook}. Telegram signs no body, so the header is all there is;
 * compared in constant time, and a missing secret on either side is a mismatch (fail closed).
 */
@Singleton
class TelegramSecretVerifier {
    private final String secret;

    TelegramSecretVerifier(TelegramProperties properties) {
        this.secret = properties.webhookSecret();
    }

    boolean verify(@Nullable String header) {
        return Signatures.configured(secret) && Signatures.equal(secret, header);
    }
}
