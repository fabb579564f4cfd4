package kr.ieum.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import kr.ieum.content.Journey;
import kr.ieum.enrollment.JourneyService;
import kr.ieum.enrollment.StartCode;
import kr.ieum.i18n.LocaleRegistry;

/**
 * {@code GET /j/{journey}?lang=&step=&c=}: a journey's deep link. Opens the web chat in that language with the
 * journey's start code ({@code j_<journey>_<step>_c-<campaign>_l-<lang>}), which the chat sends as its first message; the
 * same code works as a Telegram {@code /start} payload, a prefilled WhatsApp message or a LINE/KakaoTalk first
 * message. An unknown journey, step or campaign code never fails: the chat opens at the journey's start, or plain.
 */
@Controller("/j")
class JourneyLinkController {
    private final JourneyService journeys;
    private final LocaleRegistry locales;

    JourneyLinkController(JourneyService journeys, LocaleRegistry locales) {
        this.journeys = journeys;
        this.locales = locales;
    }

    @Get("/{journey}")
    HttpResponse<?> open(@PathVariable String journey, @Nullable @QueryValue String lang, @Nullable @QueryValue String step,
            @Nullable @QueryValue("c") String campaign) {
        String tag = locales.match(lang).orElse("en");
        Optional<Journey> found = journeys.journey(journey);
        String location = "/chat?lang=" + enc(tag);
        if (found.isPresent()) {
            String knownStep = step != null && found.get().step(step).isPresent() ? step : null;
            Optional<StartCode> code = StartCode.of(found.get().id(), knownStep, campaign, tag)
                    .or(() -> StartCode.of(found.get().id(), knownStep, null, tag));
            if (code.isPresent()) {
                location += "&start=" + enc(code.get().text());
            }
        }
        return HttpResponse.seeOther(URI.create(location)).header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
