package kr.ieum.channel.twilio;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * SMS and WhatsApp through Twilio ({@code ieum.channels.twilio}).
 *
 * @param enabled            switches the webhook and the sender on ({@code TWILIO_ENABLED})
 * @param accountSid         the account SID, {@code AC...} ({@code TWILIO_ACCOUNT_SID})
 * @param authToken          the auth token: signs webhooks and authenticates API calls ({@code TWILIO_AUTH_TOKEN})
 * @param smsFrom            our SMS number in E.164, used when a reply has no inbound {@code To} ({@code TWILIO_SMS_FROM})
 * @param whatsappFrom       our WhatsApp sender, {@code whatsapp:+...} ({@code TWILIO_WHATSAPP_FROM})
 * @param apiUrl             Twilio's REST API base URL; tests point it at a local stand-in
 * @param smsMaxSegments     most GSM-7 segments one reply may cost before its brief is sent instead
 * @param smsMaxSegmentsUcs2 the same for UCS-2 texts (non-Latin scripts, Vietnamese)
 */
@ConfigurationProperties("ieum.channels.twilio")
record TwilioProperties(
        @Bindable(defaultValue = "false") boolean enabled,
        @Nullable String accountSid,
        @Nullable String authToken,
        @Nullable String smsFrom,
        @Nullable String whatsappFrom,
        @Bindable(defaultValue = "https://api.twilio.com") String apiUrl,
        @Bindable(defaultValue = "3") int smsMaxSegments,
        @Bindable(defaultValue = "3") int smsMaxSegmentsUcs2) {

    /** Never prints the auth token. */
    @Override
    public String toString() {
        return "TwilioProperties[enabled=" + enabled + ", apiUrl=" + apiUrl + ", authToken=" + (authToken == null || authToken.isBlank() ? "unset" : "set") + "]";
    }
}
