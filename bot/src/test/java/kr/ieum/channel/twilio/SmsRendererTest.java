package kr.ieum.channel.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.LocalesLoader;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.i18n.Messages;
import kr.ieum.platform.ProjectPaths;
import org.junit.jupiter.api.Test;

/** SMS rendering of real answers from content/: segment limits, brief + MORE, full text after MORE, EUC-KR. */
class SmsRendererTest {
    private static final Path LOCALES = ProjectPaths.resolve(null, "locales");
    private static final Messages MESSAGES = LocalesLoader.messages(LocalesLoader.registry(LOCALES), LOCALES);
    private static final Path CONTENT = ProjectPaths.resolve(null, "content");
    private static final Pattern SMS = Pattern.compile("^sms: (.*)$", Pattern.MULTILINE);
    private final SmsRenderer renderer = new SmsRenderer(MESSAGES, 3, 3);

    /** The answer of a topic in a locale as the engine sends it, with its brief (or without, as after MORE). */
    private static OutboundMessage answer(String topic, String locale, boolean withBrief) throws IOException {
        String file = Files.readString(CONTENT.resolve("faq").resolve(topic).resolve(locale + ".md"));
        String[] parts = file.split("(?m)^---\\s*$", 3);
        Matcher sms = SMS.matcher(parts[1]);
        assertTrue(sms.find());
        LocalizedText brief = withBrief ? LocalizedText.fromContent(locale, sms.group(1).strip()) : null;
        return new OutboundMessage(LocalizedText.fromContent(locale, parts[2].strip()), List.of(), topic, brief);
    }

    private static String more(String language) {
        return MESSAGES.render(language, "sms.more").text();
    }

    /**
     * The honest "no one reads your language now" reply: where the full text costs more than the limit (three segments),
     * SMS gets its short version alone, without a MORE (there is no rest of an answer to ask for); the short version
     * costs at most two segments in every locale.
     */
    @Test
    void theHandoffReplyGoesAsItsShortVersionWhereTheFullOneIsTooLong() {
        int shortened = 0;
        for (String tag : MESSAGES.locales().tags()) {
            String name = MESSAGES.languageName(tag, tag);
            OutboundMessage closed = new OutboundMessage(MESSAGES.render(tag, "handoff.closed", java.util.Map.of("language", name,
                    "hours", MESSAGES.render(tag, "handoff.hours.other").text())), List.of(), null,
                    MESSAGES.render(tag, "handoff.closed.sms", java.util.Map.of("language", name)));
            assertTrue(SmsSegments.count(closed.brief().text()).segments() <= 2, tag + ": " + SmsSegments.count(closed.brief().text()));
            List<String> sms = renderer.render(tag, List.of(closed));
            assertEquals(1, sms.size(), tag);
            if (SmsSegments.count(plain(closed)).segments() > 3) {
                assertEquals(closed.brief().text(), sms.get(0), tag + ": the short version, alone");
                shortened++;
            } else {
                assertEquals(plain(closed), sms.get(0), tag);
            }
            assertFalse(sms.get(0).contains(more(tag)), tag + ": no MORE");
        }
        assertTrue(shortened >= 10, "most locales need the short version (13 of 20 today): " + shortened);
    }

    /** What the resident reads: the answer as plain text (links become their labels). */
    private static String plain(OutboundMessage m) {
        return kr.ieum.channel.TextRendering.plain(m);
    }

    /** An English topic whose plain answer costs more than three GSM-7 segments. */
    private static String longEnglishTopic() throws IOException {
        try (java.util.stream.Stream<java.nio.file.Path> topics = Files.list(CONTENT.resolve("faq"))) {
            for (java.nio.file.Path dir : topics.sorted().toList()) {
                OutboundMessage a = answer(dir.getFileName().toString(), "en", false);
                SmsSegments.Count c = SmsSegments.count(plain(a));
                if (c.encoding() == SmsSegments.Encoding.GSM7 && c.segments() > 3) {
                    return dir.getFileName().toString();
                }
            }
        }
        throw new IllegalStateException("no English answer over three segments");
    }

    @Test
    void aLatinAnswerOverThreeGsm7SegmentsIsSentAsItsBriefWithReplyMore() throws IOException {
        OutboundMessage a = answer(longEnglishTopic(), "en", true);
        SmsSegments.Count full = SmsSegments.count(plain(a));
        assertEquals(SmsSegments.Encoding.GSM7, full.encoding());
        assertTrue(full.segments() > 3, "the full English answer costs more than 3 segments");

        List<String> sms = renderer.render("en", List.of(a));
        assertEquals(List.of(a.brief().text() + "\n" + more("en")), sms);
        assertEquals(SmsSegments.Encoding.GSM7, SmsSegments.count(sms.get(0)).encoding());
        assertEquals(1, SmsSegments.count(sms.get(0)).segments(), "brief and MORE line fit one SMS");
    }

    @Test
    void afterMoreTheFullLatinAnswerArrivesInSeveralSmsOfAtMostThreeSegments() throws IOException {
        OutboundMessage a = answer(longEnglishTopic(), "en", false);
        List<String> sms = renderer.render("en", List.of(a));
        assertTrue(sms.size() >= 2, sms.toString());
        sms.forEach(s -> assertTrue(SmsSegments.count(s).segments() <= 3, s));
        assertEquals(words(plain(a)), words(String.join(" ", sms)), "nothing lost, nothing added");
        assertFalse(String.join("", sms).contains("](topic:"), "no Markdown in an SMS");
        assertFalse(String.join("", sms).contains(more("en")));
    }

    @Test
    void aKoreanAnswerIsUcs2AndGoesAsBriefWithTheKoreanMoreLine() throws IOException {
        OutboundMessage a = answer("mobile-id-overview", "ko", true);
        assertEquals(SmsSegments.Encoding.UCS2, SmsSegments.count(a.text().text()).encoding());
        assertTrue(SmsSegments.count(a.text().text()).segments() > 3);

        List<String> sms = renderer.render("ko", List.of(a));
        assertEquals(List.of(a.brief().text() + "\n" + more("ko")), sms);
        assertTrue(more("ko").contains("더보기"));
        assertTrue(SmsSegments.count(sms.get(0)).segments() <= 3);
    }

    @Test
    void aThaiAnswerAfterMoreIsCutIntoSmsOfAtMostThreeUcs2Segments() throws IOException {
        OutboundMessage a = answer("mobile-id-overview", "th", false);
        assertEquals(SmsSegments.Encoding.UCS2, SmsSegments.count(a.text().text()).encoding());
        List<String> sms = renderer.render("th", List.of(a));
        assertTrue(sms.size() >= 2, "a 390-character Thai answer needs several SMS: " + sms.size());
        for (String s : sms) {
            SmsSegments.Count c = SmsSegments.count(s);
            assertEquals(SmsSegments.Encoding.UCS2, c.encoding());
            assertTrue(c.segments() <= 3, c.toString());
        }
        assertEquals(plain(a).replaceAll("\\s+", ""), String.join("", sms).replaceAll("\\s+", ""));
    }

    @Test
    void optionsBecomeNumberedLinesAndShortRepliesShareOneSms() {
        OutboundMessage menu = new OutboundMessage(MESSAGES.render("en", "menu.title"), List.of(
                new OutboundMessage.Option("1", new LocalizedText("en", "What is the mobile residence card?")),
                new OutboundMessage.Option("2", new LocalizedText("en", "Who can get it?"))));
        OutboundMessage handoff = OutboundMessage.of(MESSAGES.render("en", "handoff.offer"));
        List<String> sms = renderer.render("en", List.of(menu, handoff));
        assertEquals(List.of("Topics. Reply with a number:\n1. What is the mobile residence card?\n2. Who can get it?\n\n"
                + handoff.text().text()), sms);
    }

    @Test
    void koreanCarriersGetEucKrTextOrNothing() {
        assertEquals("It's here - now...", SmsRenderer.forKoreanCarrier("It’s here – now…").orElseThrow());
        assertEquals("모바일 외국인등록증", SmsRenderer.forKoreanCarrier("모바일 외국인등록증").orElseThrow());
        assertTrue(SmsRenderer.forKoreanCarrier("Что такое мобильная карта?").isPresent(), "KS X 1001 has Cyrillic");
        assertTrue(SmsRenderer.forKoreanCarrier("Thẻ cư trú di động").isEmpty());
        assertTrue(SmsRenderer.forKoreanCarrier("สวัสดี").isEmpty());
        assertTrue(SmsRenderer.forKoreanCarrier("Mobil ID karta oʻzbek").isEmpty(), "U+02BB is not in EUC-KR");
    }

    @Test
    void theReadItOnlineNoticeIsKoreanPlusEnglishAndEucKr() {
        String url = "https://ieum.example/a/mobile-id-overview?lang=vi";
        String notice = renderer.readItOnline("vi", url);
        String[] lines = notice.split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].contains("베트남어") && lines[0].endsWith(url), lines[0]);
        assertTrue(lines[1].contains("Vietnamese") && lines[1].endsWith(url), lines[1]);
        assertTrue(Charset.forName("EUC-KR").newEncoder().canEncode(notice));
    }

    private static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }

    @Test
    void aJourneyStepTooLongForTheLimitGoesAsALinkToItsPageWithItsChoices() {
        String step = "ขั้นตอนที่ยาวมาก ".repeat(30);
        OutboundMessage m = new OutboundMessage(new LocalizedText("th", step), List.of(
                new OutboundMessage.Option("1", new LocalizedText("th", "เสร็จแล้ว")),
                new OutboundMessage.Option("2", new LocalizedText("th", "มีปัญหา"))), null, null,
                "/j/mobile-id-enrollment/old-method?lang=th");
        List<String> sms = renderer.render("th", List.of(m), path -> "https://ieum.example.org" + path);
        assertEquals(1, sms.size(), sms.toString());
        assertTrue(sms.get(0).contains("https://ieum.example.org/j/mobile-id-enrollment/old-method?lang=th"), sms.get(0));
        assertTrue(sms.get(0).endsWith("\n1. เสร็จแล้ว\n2. มีปัญหา"), sms.get(0));
        assertTrue(SmsSegments.count(sms.get(0)).segments() <= 3);
        // a step that fits is sent as it is
        OutboundMessage shortStep = new OutboundMessage(new LocalizedText("th", "สั้น"), List.of(), null, null, "/j/x/y?lang=th");
        assertEquals(List.of("สั้น"), renderer.render("th", List.of(shortStep), path -> "https://ieum.example.org" + path));
    }
}
