package kr.ieum.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
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
import java.util.Optional;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.Messages;
import kr.ieum.i18n.RichText;
import kr.ieum.outreach.Campaign;
import kr.ieum.outreach.CampaignStore;
import kr.ieum.outreach.PosterPdf;
import kr.ieum.outreach.Posters;
import kr.ieum.outreach.QrCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A campaign's printable A4 poster per language: {@code /c/{code}/poster?lang=} (a print page: the language's name in its
 * own script, a large QR code of the campaign's page in that language, the SMS keyword) and {@code /c/{code}/poster.pdf?lang=}
 * (the same as a one-page PDF made here, with the machine's fonts). Posters exist until the campaign ends, so an
 * association can print them before it starts; viewing one is not counted as a click.
 */
@Controller("/c")
@ExecuteOn(TaskExecutors.BLOCKING)
class PosterPage {
    private static final Logger LOG = LoggerFactory.getLogger(PosterPage.class);
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'";
    private final CampaignStore campaigns;
    private final Posters posters;
    private final LocaleRegistry locales;
    private final Clock clock;
    private final Messages messages;

    PosterPage(CampaignStore campaigns, Posters posters, LocaleRegistry locales, Clock clock, Messages messages) {
        this.messages = messages;
        this.campaigns = campaigns;
        this.posters = posters;
        this.locales = locales;
        this.clock = clock;
    }

    @Get(value = "/{code}/poster", produces = MediaType.TEXT_HTML + ";charset=utf-8")
    HttpResponse<String> page(@PathVariable String code, @Nullable @QueryValue String lang) {
        Optional<Campaign> c = printable(code);
        if (c.isEmpty()) {
            String tag = locales.match(lang).orElse("en");
            return HttpResponse.<String>status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_HTML + ";charset=utf-8")
                    .header("Content-Security-Policy", CSP).body("<!DOCTYPE html><html lang=\"" + esc(tag) + "\"><head><meta charset=\"utf-8\">"
                            + "<title>" + esc(messages.render(tag, "campaign.unknown.title").text()) + "</title></head><body><h1>"
                            + esc(messages.render(tag, "campaign.unknown.title").text()) + "</h1><p>"
                            + esc(messages.render(tag, "campaign.unknown.text").text()) + "</p></body></html>");
        }
        String tag = language(c.get(), lang);
        PosterPdf.Poster p = posters.poster(c.get(), tag);
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html><html lang=\"").append(esc(tag)).append("\" dir=\"").append(p.rtl() ? "rtl" : "ltr").append("\"><head>")
                .append("<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>")
                .append(esc(p.endonym())).append(" · ").append(esc(p.title())).append("</title><style>")
                .append("@page{size:A4;margin:14mm}body{font-family:'Noto Sans','Noto Sans CJK KR',sans-serif;color:#1b1b1b;")
                .append("text-align:center;max-width:182mm;margin:0 auto;padding:0 4mm}.endonym{font-size:40pt;font-weight:700;")
                .append("color:#0b4f8a;margin:4mm 0 2mm}h1{font-size:24pt;margin:2mm 0}.overview{font-size:14pt}.qr svg{width:92mm;")
                .append("height:92mm}.start{font-size:22pt;font-weight:700;color:#0b4f8a;margin:1mm 0}.url{font-size:12pt;")
                .append("direction:ltr;unicode-bidi:isolate;word-break:break-all}.sms{font-size:16pt;font-weight:700}h2{font-size:15pt;")
                .append("margin:6mm 0 1mm}.safe{font-size:12pt}.note{color:#4a4a4a;font-size:10pt}.screen{font-size:11pt;")
                .append("border-top:1px solid #ccc;margin-top:6mm;padding-top:3mm}@media print{.screen{display:none}}</style></head><body>")
                .append("<p class=\"endonym\">").append(esc(p.endonym())).append("</p><h1>").append(esc(p.title())).append("</h1>");
        if (!p.overview().isBlank()) {
            b.append("<p class=\"overview\">").append(esc(p.overview())).append("</p>");
        }
        b.append("<div class=\"qr\" role=\"img\" aria-label=\"").append(esc(p.url())).append("\">")
                .append(QrCodes.svg(p.url())).append("</div><p class=\"start\">").append(esc(p.startHeading()))
                .append("</p><p class=\"url\" dir=\"ltr\">").append(esc(p.url())).append("</p>");
        if (p.sms() != null) {
            b.append("<p class=\"sms\">").append(esc(p.sms())).append("</p>");
        }
        if (!p.safe().isBlank()) {
            b.append("<h2>").append(esc(p.safeHeading())).append("</h2><p class=\"safe\">").append(esc(p.safe())).append("</p>");
        }
        if (p.notice() != null) {
            b.append("<p class=\"note\">").append(esc(p.notice())).append("</p>");
        }
        // for the association, on screen only: the PDF and the other languages of the campaign
        b.append("<p class=\"screen\"><a href=\"/c/").append(enc(c.get().code())).append("/poster.pdf?lang=").append(enc(tag))
                .append("\" download>PDF</a>");
        for (String other : c.get().languages()) {
            if (!other.equals(tag) && locales.supports(other)) {
                b.append(" · <a lang=\"").append(esc(other)).append("\" href=\"/c/").append(enc(c.get().code())).append("/poster?lang=")
                        .append(enc(other)).append("\">").append(esc(locales.get(other).endonym())).append("</a>");
            }
        }
        b.append("</p></body></html>");
        return HttpResponse.ok(b.toString()).contentType(MediaType.TEXT_HTML + ";charset=utf-8").header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer");
    }

    @Get("/{code}/poster.pdf")
    HttpResponse<?> pdf(@PathVariable String code, @Nullable @QueryValue String lang) {
        Optional<Campaign> c = printable(code);
        if (c.isEmpty()) {
            return HttpResponse.notFound();
        }
        String tag = language(c.get(), lang);
        try {
            byte[] pdf = posters.pdf(c.get(), tag);
            return HttpResponse.ok(pdf).contentType("application/pdf")
                    .header("Content-Disposition", "attachment; filename=\"ieum-" + c.get().code() + "-" + tag + ".pdf\"")
                    .header("X-Content-Type-Options", "nosniff");
        } catch (PosterPdf.MissingFont e) {
            LOG.warn("poster PDF of {} in {} not made: {}", c.get().code(), tag, e.getMessage());
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.TEXT_PLAIN + ";charset=utf-8")
                    .body(e.getMessage() + ". The print page /c/" + c.get().code() + "/poster?lang=" + tag + " works without them.");
        }
    }

    /** A known campaign that has not ended (a poster may be printed before the campaign starts). */
    private Optional<Campaign> printable(String code) {
        String normalised = code.toLowerCase(Locale.ROOT);
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Seoul")));
        return Campaign.validCode(normalised) ? campaigns.byCode(normalised).filter(c -> !today.isAfter(c.endsOn())) : Optional.empty();
    }

    private String language(Campaign c, @Nullable String lang) {
        return locales.match(lang).orElse(c.languages().isEmpty() ? "en" : c.languages().get(0));
    }

    private static String esc(String s) {
        return RichText.escape(s);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
