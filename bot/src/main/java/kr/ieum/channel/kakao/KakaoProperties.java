package kr.ieum.channel.kakao;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * KakaoTalk through a Kakao i Open Builder skill ({@code ieum.channels.kakao}). Kakao signs nothing, so the
 * skill must send a shared secret header that only Kakao's console and this service know.
 *
 * @param enabled           switches the skill endpoint and the callback adapter on
 * @param skillSecret       the value of {@code X-Ieum-Kakao-Secret} set in the skill's headers; {@code KAKAO_SKILL_SECRET}.
 *                          Without it every request is refused
 * @param allowedCidrs      comma-separated CIDRs the request must come from ({@code KAKAO_ALLOWED_CIDRS}); empty = any
 * @param trustForwardedFor take the client address from the last {@code X-Forwarded-For} entry (only behind a
 *                          reverse proxy that sets it; otherwise anyone could claim any address)
 * @param timeBudget        how long to wait for a turn before answering {@code useCallback} (when Kakao offers a
 *                          callback URL); zero = always use the callback
 * @param dedupeWindow      how long a repeated request (same bot, user and utterance) is answered from the first
 *                          turn instead of running a second one
 * @param callbackHosts     comma-separated host names (and their sub-domains) a callback URL may point to
 */
@ConfigurationProperties("ieum.channels.kakao")
public record KakaoProperties(
        @Bindable(defaultValue = "false") boolean enabled,
        @Nullable String skillSecret,
        @Nullable String allowedCidrs,
        @Bindable(defaultValue = "false") boolean trustForwardedFor,
        @Bindable(defaultValue = "3500ms") Duration timeBudget,
        @Bindable(defaultValue = "30s") Duration dedupeWindow,
        @Bindable(defaultValue = "kakao.com") String callbackHosts) {}
