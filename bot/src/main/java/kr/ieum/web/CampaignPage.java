package kr.ieum.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kr.ieum.enrollment.StartCode;
import kr.ieum.enrollment.TopicCode;
import kr.ieum.faq.FaqService;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.Messages;
import kr.ieum.i18n.RichText;
import kr.ieum.outreach.Campaign;
import kr.ieum.outreach.CampaignStore;
import kr.ieum.outreach.OutreachProperties;
import kr.ieum.outreach.QrCodes;

/**
 * {@code GET /c/{code}?lang=}: the page a community association shares. Light (a few KB, no JavaScript, readable on an
 * old phone), in the campaign's language: what the mobile card is and why it is safe (the knowledge base's short
 * texts), and buttons into the enrollment journey on the web chat, Telegram, WhatsApp and SMS, each carrying the
 * campaign code so the first conversation counts for the campaign. Each view is counted per day and language only (no
 * cookie, no id, no address). An unknown, expired or malformed code gets a friendly page, never an error or a redirect.
 */
@Controller("/c")
@ExecuteOn(TaskExecutors.BLOCKING)
class CampaignPage {
    private static final String JOURNEY = "mobile-id-enrollment";
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
    private final CampaignStore campaigns;
    private final FaqService faq;
    private final Messages messages;
    private final LocaleRegistry locales;
    private final OutreachProperties outreach;
    private final Clock clock;
    private final kr.ieum.channel.PublicUrl publicUrl;

    CampaignPage(CampaignStore campaigns, FaqService faq, Messages messages, LocaleRegistry locales, OutreachProperties outreach,
            Clock clock, kr.ieum.channel.PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
        this.campaigns = campaigns;
        this.faq = faq;
        this.messages = messages;
        this.locales = locales;
        this.outreach = outreach;
        this.clock = clock;
    }

    /** The campaign link as a QR code: {@code /c/<code>/qr.svg} (print) or {@code /c/<code>/qr.png} (chats, slides). */
    @Get("/{code}/qr.{format}")
    HttpResponse<?> qr(@PathVariable String code, @PathVariable String format) {
        String normalised = code.toLowerCase(Locale.ROOT);
        if (!Campaign.validCode(normalised) || campaigns.byCode(normalised).isEmpty() || !(format.equals("svg") || format.equals("png"))) {
            return HttpResponse.notFound();
        }
        String url = publicUrl.of("/c/" + normalised);
        return format.equals("svg")
                ? HttpResponse.ok(QrCodes.svg(url)).contentType("image/svg+xml;charset=utf-8").header("Cache-Control", "public, max-age=3600")
                : HttpResponse.ok(QrCodes.png(url, 600)).contentType("image/png").header("Cache-Control", "public, max-age=3600");
    }

    @Get(value = "/{code}", produces = MediaType.TEXT_HTML + ";charset=utf-8")
    HttpResponse<String> page(HttpRequest<?> request, @PathVariable String code, @Nullable @QueryValue String lang) {
        String normalised = code.toLowerCase(Locale.ROOT);
        Optional<Campaign> found = Campaign.validCode(normalised) ? campaigns.byCode(normalised) : Optional.empty();
        LocalDate today = LocalDate.now(clock.withZone(SEOUL));
        if (found.isEmpty() || !found.get().runningOn(today)) {
            String tag = locales.match(lang).orElse("en");
            return secure(HttpResponse.<String>status(HttpStatus.NOT_FOUND).body(unknown(tag)));
        }
        Campaign c = found.get();
        String tag = locales.match(lang).orElse(c.languages().isEmpty() ? "en" : c.languages().get(0));
        campaigns.click(c.id(), today, tag);
        return secure(HttpResponse.ok(page(c, tag)));
    }

    private String page(Campaign c, String tag) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(say(tag, "campaign.title")).append("</h1>");
        if (c.topic() != null) {
            brief(b, c.topic(), tag);
        }
        brief(b, "mobile-id-overview", tag);
        b.append("<h2>").append(say(tag, "campaign.safe")).append("</h2>");
        brief(b, "mobile-id-security", tag);
        b.append("<h2>").append(say(tag, "campaign.start")).append("</h2><ul class=\"go\">");
        // the code every button carries: it opens the campaign's topic, or the guide at its step, and counts for the campaign
        String start = c.topic() != null
                ? TopicCode.of(c.topic(), c.code(), tag).map(TopicCode::text).orElse("t_" + c.topic())
                : StartCode.of(JOURNEY, c.journeyStep(), c.code(), tag).map(StartCode::text).orElse("j_" + JOURNEY);
        if (c.offers("webchat")) {
            b.append(button(c.topic() != null ? "/chat?lang=" + enc(tag) + "&start=" + enc(start)
                    : "/j/" + JOURNEY + "?lang=" + enc(tag) + (c.journeyStep() == null ? "" : "&step=" + enc(c.journeyStep())) + "&c=" + enc(c.code()),
                    say(tag, "campaign.start.webchat")));
        }
        if (set(outreach.telegramBot()) && c.offers("telegram")) {
            b.append(button("https://t.me/" + enc(outreach.telegramBot()) + "?start=" + enc(start), say(tag, "campaign.start.telegram")));
        }
        if (set(outreach.whatsappNumber()) && c.offers("whatsapp")) {
            b.append(button("https://wa.me/" + outreach.whatsappNumber().replaceAll("\\D", "") + "?text=" + enc(start),
                    say(tag, "campaign.start.whatsapp")));
        }
        if (set(outreach.lineAccount()) && c.offers("line")) {
            // LINE opens a chat with the account and the code as the first message, ready to send
            b.append(button("https://line.me/R/oaMessage/" + enc(outreach.lineAccount()) + "/?" + enc(start), say(tag, "campaign.start.line")));
        }
        if (set(outreach.kakaoChannel()) && c.offers("kakao")) {
            // a KakaoTalk channel's chat link cannot carry a first message: this button is not attributed to the campaign
            b.append(button("https://pf.kakao.com/" + enc(outreach.kakaoChannel()) + "/chat", say(tag, "campaign.start.kakao")));
        }
        if (set(outreach.smsNumber()) && c.offers("sms")) {
            String keyword = c.smsKeyword() != null && !c.smsKeyword().isBlank() ? c.smsKeyword() : start;
            b.append("<li>").append(RichText.escape(messages.render(tag, "campaign.start.sms",
                    Map.of("keyword", keyword, "number", outreach.smsNumber())).text())).append("</li>");
        }
        b.append("</ul>");
        if (c.languages().size() > 1) {
            b.append("<h2>").append(say(tag, "campaign.languages")).append("</h2><p>");
            for (String other : c.languages()) {
                if (!other.equals(tag) && locales.supports(other)) {
                    b.append("<a lang=\"").append(RichText.escape(other)).append("\" href=\"/c/").append(enc(c.code())).append("?lang=")
                            .append(enc(other)).append("\">").append(RichText.escape(locales.get(other).endonym())).append("</a> ");
                }
            }
            b.append("</p>");
        }
        return html(tag, messages.render(tag, "campaign.title").text(), b.toString());
    }

    /** The topic's short (SMS) text, with the machine-translation notice when nobody reviewed it. */
    private void brief(StringBuilder b, String topic, String tag) {
        faq.text(topic, tag).ifPresent(a -> {
            b.append("<p lang=\"").append(RichText.escape(a.localization().locale())).append("\">")
                    .append(RichText.escape(a.localization().sms())).append(" <a href=\"/a/").append(enc(topic)).append("?lang=")
                    .append(enc(tag)).append("\">&#8594;</a></p>");
            if (a.localization().machineTranslated()) {
                b.append("<p class=\"note\">").append(say(tag, "notice.machine")).append("</p>");
            }
        });
    }

    private String unknown(String tag) {
        String body = "<h1>" + say(tag, "campaign.unknown.title") + "</h1><p>" + say(tag, "campaign.unknown.text") + "</p><ul class=\"go\">"
                + button("/chat?lang=" + enc(tag), say(tag, "campaign.start.webchat")) + "</ul>";
        return html(tag, messages.render(tag, "campaign.unknown.title").text(), body);
    }

    private String html(String tag, String title, String body) {
        return "<!DOCTYPE html><html lang=\"" + RichText.escape(tag) + "\" dir=\"" + locales.get(tag).direction() + "\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>" + RichText.escape(title) + "</title>"
                + "<style>body{font:17px/1.5 sans-serif;max-width:36em;margin:1em auto;padding:0 1em;color:#1b1b1b}"
                + ".go{list-style:none;padding:0}.go a{display:block;margin:.5em 0;padding:.8em 1em;background:#0b4f8a;color:#fff;"
                + "border-radius:6px;text-decoration:none;font-weight:700}.note{color:#4a4a4a;font-size:.9em}</style>"
                + "</head><body>" + body + "</body></html>";
    }

    private String say(String tag, String key) {
        return RichText.escape(messages.render(tag, key).text());
    }

    private static String button(String href, String label) {
        return "<li><a href=\"" + RichText.escape(href) + "\">" + label + "</a></li>";
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }

    private static HttpResponse<String> secure(MutableHttpResponse<String> response) {
        return response.contentType(MediaType.TEXT_HTML + ";charset=utf-8").header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
