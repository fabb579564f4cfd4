package kr.ieum.channel.twilio;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.ieum.channel.TextRendering;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.Messages;

/**
 * Renders one turn's replies as SMS texts. A reply whose full text costs more than the segment limit is
 * replaced by its brief plus "Reply MORE for the rest" in the resident's language; without a brief (or when
 * the resident asked for MORE, which re-sends the answer without one) it is cut into several SMS of at most
 * the limit each. Short replies are joined into one SMS when they fit together.
 *
 * <p>The limits are per encoding: {@code maxGsm7Segments} for texts in GSM-7 (Latin scripts without
 * diacritics beyond GSM 03.38: 3 segments = up to 459 characters) and {@code maxUcs2Segments} for every other
 * text (Korean, Thai, Vietnamese...: 3 segments = up to 201 characters). The same number of segments keeps the
 * cost per reply the same in every language; a brief ({@code sms:} in content, at most 160 characters) always
 * fits in it.
 */
final class SmsRenderer {
    private static final Charset EUC_KR = Charset.forName("EUC-KR");
    private static final Map<Character, String> PLAIN_PUNCTUATION = Map.of(
            '\u2018', "'", '\u2019', "'", '\u201C', "\"", '\u201D', "\"", '\u2013', "-", '\u2014', "-",
            '\u2026', "...", '\u00A0', " ", '\u2022', "-");
    private final Messages messages;
    private final int maxGsm7Segments;
    private final int maxUcs2Segments;

    SmsRenderer(Messages messages, int maxGsm7Segments, int maxUcs2Segments) {
        if (maxGsm7Segments < 1 || maxUcs2Segments < 1) {
            throw new IllegalArgumentException("SMS segment limits must be at least 1");
        }
        this.messages = messages;
        this.maxGsm7Segments = maxGsm7Segments;
        this.maxUcs2Segments = maxUcs2Segments;
    }

    /** The SMS texts to send, in order, for replies in {@code language}. */
    List<String> render(String language, List<OutboundMessage> replies) {
        return render(language, replies, path -> path);
    }

    /**
     * As {@link #render(String, List)}; a reply too long for the limit that has a page of its own (a journey step) goes
     * as a link to that page ({@code pageUrl} makes the page's path absolute) with its numbered choices.
     */
    List<String> render(String language, List<OutboundMessage> replies, java.util.function.Function<String, String> pageUrl) {
        List<String> texts = new ArrayList<>();
        for (OutboundMessage reply : replies) {
            String full = TextRendering.plain(reply).strip();
            if (fits(full)) {
                texts.add(full);
            } else if (reply.page() != null && (reply.brief() == null || reply.brief().text().isBlank())) {
                texts.addAll(linked(language, reply, pageUrl.apply(reply.page())));
            } else if (reply.brief() != null && !reply.brief().text().isBlank()) {
                // MORE brings the rest of an answer; any other message's short version stands alone
                String brief = reply.brief().text().strip() + (reply.isAnswer() ? "\n" + messages.render(language, "sms.more").text() : "");
                texts.addAll(TextSplitter.split(brief, this::fits));
            } else {
                texts.addAll(TextSplitter.split(full, this::fits));
            }
        }
        return join(texts);
    }

    /** A long reply as "read it here: <link>" and its numbered choices (each cut to fit when they are long). */
    private List<String> linked(String language, OutboundMessage reply, String url) {
        String link = messages.render(language, "sms.answer.page",
                Map.of("language", messages.languageName(language, language), "url", url)).text();
        StringBuilder text = new StringBuilder(link);
        for (OutboundMessage.Option option : reply.options()) {
            text.append('\n').append(option.key()).append(". ").append(option.label().text());
        }
        return fits(text.toString()) ? List.of(text.toString()) : TextSplitter.split(text.toString(), this::fits);
    }

    /** True when {@code text} costs no more segments than its encoding's limit. */
    boolean fits(String text) {
        SmsSegments.Count count = SmsSegments.count(text);
        int max = count.encoding() == SmsSegments.Encoding.GSM7 ? maxGsm7Segments : maxUcs2Segments;
        return count.segments() <= max;
    }

    /**
     * Korean carriers pass only EUC-KR (KS X 1001) characters: the text with typographic punctuation made
     * plain, or empty when some character (Vietnamese or Thai letters, the Uzbek okina U+02BB...) has no
     * EUC-KR form.
     */
    static Optional<String> forKoreanCarrier(String text) {
        StringBuilder plain = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            plain.append(PLAIN_PUNCTUATION.getOrDefault(c, String.valueOf(c)));
        }
        String result = plain.toString();
        return EUC_KR.newEncoder().canEncode(result) ? Optional.of(result) : Optional.empty();
    }

    /**
     * The Korean + English SMS sent to a Korean number instead of a reply EUC-KR cannot carry: where to read
     * the reply in {@code language}.
     */
    String readItOnline(String language, String url) {
        String ko = messages.render("ko", "sms.answer.page",
                Map.of("language", messages.languageName(language, "ko"), "url", url)).text();
        String en = messages.render("en", "sms.answer.page",
                Map.of("language", messages.languageName(language, "en"), "url", url)).text();
        return ko + "\n" + en;
    }

    private List<String> join(List<String> texts) {
        List<String> joined = new ArrayList<>();
        String current = null;
        for (String text : texts) {
            if (current != null && fits(current + "\n\n" + text)) {
                current = current + "\n\n" + text;
            } else {
                if (current != null) {
                    joined.add(current);
                }
                current = text;
            }
        }
        if (current != null) {
            joined.add(current);
        }
        return joined;
    }
}
