package kr.ieum.channel.meta;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Messenger and WhatsApp Cloud through Meta's Graph API ({@code ieum.channels.meta}). Secrets come only from
 * the environment; a missing app secret makes the webhook reject every POST (fail closed).
 *
 * @param enabled                  switches the webhook and both adapters on
 * @param appSecret                the app secret that signs webhooks ({@code X-Hub-Signature-256}); {@code META_APP_SECRET}
 * @param verifyToken              the token typed into the App Dashboard for the GET handshake; {@code META_VERIFY_TOKEN}
 * @param pageToken                the page access token for Messenger's Send API; {@code META_PAGE_TOKEN}
 * @param whatsappToken            the access token for WhatsApp Cloud; {@code META_WHATSAPP_TOKEN}
 * @param graphUrl                 the Graph API base URL, with its version
 * @param whatsappTemplate         an approved template sent when the 24-hour customer service window is closed,
 *                                 or null: such replies are then dead-lettered
 * @param whatsappTemplateLanguage the template's language code as approved ({@code en_US}, {@code ko})
 */
@ConfigurationProperties("ieum.channels.meta")
public record MetaProperties(
        @Bindable(defaultValue = "false") boolean enabled,
        @Nullable String appSecret,
        @Nullable String verifyToken,
        @Nullable String pageToken,
        @Nullable String whatsappToken,
        @Bindable(defaultValue = "https://graph.facebook.com/v21.0") String graphUrl,
        @Nullable String whatsappTemplate,
        @Bindable(defaultValue = "en_US") String whatsappTemplateLanguage) {}
