package kr.ieum.outreach;

import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import kr.ieum.channel.PublicUrl;
import kr.ieum.faq.FaqService;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.Messages;
import kr.ieum.i18n.SupportedLocale;

/**
 * What a campaign's printable poster says in one language, from the same sources as its page: the bot's words
 * ({@code locales/}), the knowledge base's short answers for "what is it" and "is it safe", the SMS keyword and the
 * campaign's address in that language (the QR code). Rendered as a print page ({@code web.PosterPage}) or as PDF
 * ({@link PosterPdf}).
 */
@Singleton
public class Posters {
    private final FaqService faq;
    private final Messages messages;
    private final LocaleRegistry locales;
    private final OutreachProperties outreach;
    private final PublicUrl publicUrl;
    private final PosterFonts fonts;

    Posters(FaqService faq, Messages messages, LocaleRegistry locales, OutreachProperties outreach, PublicUrl publicUrl) {
        this.faq = faq;
        this.messages = messages;
        this.locales = locales;
        this.outreach = outreach;
        this.publicUrl = publicUrl;
        this.fonts = new PosterFonts(Path.of(outreach.fonts()));
    }

    /** The poster of {@code c} in {@code tag} (a supported locale). */
    public PosterPdf.Poster poster(Campaign c, String tag) {
        SupportedLocale l = locales.get(tag);
        Optional<kr.ieum.faq.Answer> overview = faq.text("mobile-id-overview", tag);
        Optional<kr.ieum.faq.Answer> safe = faq.text("mobile-id-security", tag);
        boolean machine = overview.map(a -> a.localization().machineTranslated()).orElse(false)
                || safe.map(a -> a.localization().machineTranslated()).orElse(false);
        String sms = null;
        if (outreach.smsNumber() != null && !outreach.smsNumber().isBlank()) {
            String keyword = c.smsKeyword() != null && !c.smsKeyword().isBlank() ? c.smsKeyword() : outreach.smsKeyword() + " " + tag.toUpperCase(java.util.Locale.ROOT);
            sms = say(tag, "campaign.start.sms", Map.of("keyword", keyword, "number", outreach.smsNumber()));
        }
        return new PosterPdf.Poster(tag, l.script(), l.rtl(), l.endonym(), say(tag, "campaign.title", Map.of()),
                overview.map(a -> a.localization().sms()).orElse(""), say(tag, "campaign.safe", Map.of()),
                safe.map(a -> a.localization().sms()).orElse(""), say(tag, "campaign.start", Map.of()), url(c, tag), sms,
                machine ? say(tag, "notice.machine", Map.of()) : null);
    }

    /** The poster as a one-page A4 PDF; {@link PosterPdf.MissingFont} when this machine lacks the language's font. */
    public byte[] pdf(Campaign c, String tag) {
        return PosterPdf.render(poster(c, tag), fonts);
    }

    /** The address a poster's QR code opens: the campaign's page in the poster's language. */
    public String url(Campaign c, String tag) {
        return publicUrl.of("/c/" + c.code() + "?lang=" + tag);
    }

    private String say(String tag, String key, Map<String, Object> args) {
        return messages.render(tag, key, args).text();
    }
}
