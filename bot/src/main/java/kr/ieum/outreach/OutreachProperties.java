package kr.ieum.outreach;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code ieum.outreach.*}: where a campaign page's buttons lead. Each button appears only when its address is set.
 *
 * @param telegramBot    the Telegram bot's username ({@code https://t.me/<bot>?start=...})
 * @param whatsappNumber the WhatsApp number in international form, digits only ({@code https://wa.me/<number>?text=...})
 * @param smsNumber      the number residents text a keyword to
 * @param lineAccount    the LINE Official Account's id with its {@code @} ({@code https://line.me/R/oaMessage/<id>/?<code>})
 * @param kakaoChannel   the KakaoTalk channel's id ({@code _xxxx} of {@code https://pf.kakao.com/_xxxx/chat})
 * @param smsKeyword     the word that starts the enrollment guide from any phone, alone or with a language ("ID VI",
 *                       "ID 베트남어"); campaigns have keywords of their own
 * @param fonts          the folder searched for the poster PDF's fonts (Debian's fonts-noto-core and fonts-noto-cjk install
 *                       them under {@code /usr/share/fonts})
 */
@ConfigurationProperties("ieum.outreach")
public record OutreachProperties(@Nullable String telegramBot, @Nullable String whatsappNumber, @Nullable String smsNumber,
        @Nullable String lineAccount, @Nullable String kakaoChannel,
        @io.micronaut.core.bind.annotation.Bindable(defaultValue = "ID") String smsKeyword,
        @io.micronaut.core.bind.annotation.Bindable(defaultValue = "/usr/share/fonts") String fonts) {}
