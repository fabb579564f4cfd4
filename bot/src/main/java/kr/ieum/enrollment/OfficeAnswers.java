package kr.ieum.enrollment;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.ieum.content.ContentService;
import kr.ieum.content.Office;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.i18n.Messages;

/**
 * The office finder's answer in the resident's language: the office, its address and hours where the facts confirm
 * them (else "not confirmed"), the booking link, and whether the office's cover of the place is confirmed; or, for a
 * place whose office nobody confirmed, where to ask (1345, HiKorea).
 */
@Singleton
class OfficeAnswers {
    private final ContentService content;
    private final Messages messages;
    private final EnrollmentProperties properties;
    private volatile OfficeFinder finder;

    OfficeAnswers(ContentService content, Messages messages, EnrollmentProperties properties) {
        this.content = content;
        this.messages = messages;
        this.properties = properties;
    }

    /** The answer for the place in {@code text}; empty when no known place is named. */
    Optional<JourneyTurn.Part> find(String locale, String text) {
        return finder().find(text).map(match -> JourneyTurn.Part.of(answer(locale, match)));
    }

    private LocalizedText answer(String locale, OfficeFinder.Match match) {
        Office office = match.office();
        if (office.unknown()) {
            return messages.render(locale, "office.unknown", Map.of("place", match.place(), "url", properties.reservationUrl()));
        }
        String name = "ko".equals(locale) ? office.nameKo() : office.nameEn() + " (" + office.nameKo() + ")";
        LocalizedText found = messages.render(locale, "office.found", Map.of("name", name));
        List<String> lines = new ArrayList<>();
        lines.add(found.text());
        lines.add(office.address() == null ? messages.render(locale, "office.address.unconfirmed").text()
                : messages.render(locale, "office.address", Map.of("address", office.address())).text());
        lines.add(office.hours() == null ? messages.render(locale, "office.hours.unknown").text()
                : messages.render(locale, "office.hours", Map.of("open", office.hours().open(), "close", office.hours().close(),
                        "lunchStart", office.hours().lunchStart(), "lunchEnd", office.hours().lunchEnd())).text());
        lines.add(messages.render(locale, "office.book", Map.of("url", properties.reservationUrl())).text());
        if (!office.confirmed()) {
            lines.add(messages.render(locale, "office.likely").text());
        }
        return new LocalizedText(found.locale(), String.join("\n", lines));
    }

    private OfficeFinder finder() {
        OfficeFinder f = finder;
        if (f == null) {
            f = new OfficeFinder(content.offices());
            finder = f;
        }
        return f;
    }
}
