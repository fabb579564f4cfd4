package kr.ieum.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import javax.sql.DataSource;
import kr.ieum.console.AccountStore;
import kr.ieum.console.Passwords;
import kr.ieum.console.Role;
import kr.ieum.faq.FaqService;
import kr.ieum.i18n.Messages;
import kr.ieum.support.Chat;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import kr.ieum.support.StaffSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A community association's campaign end to end: an admin creates it, its link opens a light page in Vietnamese with
 * buttons that carry the code, views are counted per day and language only, a conversation started from it counts for
 * it, its partner (and no other) sees the report; unknown, expired and malformed codes get a friendly page.
 */
@MicronautTest
@Property(name = "ieum.outreach.telegram-bot", value = "IeumBot")
@Property(name = "ieum.outreach.sms-number", value = "+82 10-0000-1345")
@Property(name = "ieum.outreach.line-account", value = "@ieum")
@Property(name = "ieum.outreach.kakao-channel", value = "_xIeum")
class CampaignIT extends ServiceTest {
    private static final String PASSWORD = "a partner's long password";
    @Inject
    EmbeddedServer server;
    @Inject
    AccountStore accounts;
    @Inject
    DataSource dataSource;
    @Inject
    FaqService faq;
    @Inject
    Messages messages;
    @Inject
    kr.ieum.channel.PublicUrl publicUrl;
    @Inject
    @Client("/")
    HttpClient client;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void staff() {
        if (accounts.find("camp-admin").isEmpty()) {
            accounts.create("camp-admin", "camp-admin", Passwords.hash(PASSWORD), EnumSet.of(Role.ADMIN), Instant.now());
        }
    }

    private StaffSession login(String user) {
        StaffSession s = new StaffSession(server.getURI());
        assertEquals(303, s.login(user, PASSWORD).statusCode(), user);
        return s;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCampaignLinkOpensALightPageAttributesTheConversationAndReportsCountsToItsPartnerOnly() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
        StaffSession admin = login("camp-admin");
        HttpResponse<String> created = admin.submit("/console/campaigns", "/console/campaigns", Map.of("code", "ansan-vn",
                "name", "Ansan Vietnamese association", "organisation", "Vietnamese Association of Ansan", "languages", "vi, km",
                "from", today.minusDays(1).toString(), "to", today.plusDays(30).toString(), "keyword", "ANSAN"));
        assertTrue(created.headers().firstValue("location").orElse("").contains("done=created"));
        admin.submit("/console/accounts", "/console/accounts", Map.of("username", "ansan-partner", "password", PASSWORD,
                "organisation", "Vietnamese Association of Ansan", "role-partner", "on"));
        admin.submit("/console/accounts", "/console/accounts", Map.of("username", "other-partner", "password", PASSWORD,
                "organisation", "Another association", "role-partner", "on"));

        HttpResponse<String> page = get("/c/ansan-vn");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().getBytes(StandardCharsets.UTF_8).length < 50 * 1024, "light enough for an old phone");
        assertFalse(page.body().contains("<script"), "no JavaScript needed");
        assertTrue(page.body().contains("<html lang=\"vi\""), "the campaign's first language");
        assertTrue(page.body().contains(faq.text("mobile-id-overview", "vi").orElseThrow().localization().sms().substring(0, 20)),
                "what the card is, from the knowledge base");
        assertTrue(page.body().contains("/j/mobile-id-enrollment?lang=vi&amp;c=ansan-vn"), "web chat, with the code");
        assertTrue(page.body().contains("https://t.me/IeumBot?start=j_mobile-id-enrollment_c-ansan-vn_l-vi"), "Telegram, with the code");
        assertTrue(page.body().contains("ANSAN"), "the SMS keyword");
        assertEquals(200, get("/c/ansan-vn?lang=km").statusCode());
        assertEquals("1", Sql.one(dataSource, "select sum(clicks) from campaign_click cc join campaign c on c.id = cc.campaign_id "
                + "where c.code = 'ansan-vn' and cc.language = 'vi'"));
        assertEquals("0", Sql.one(dataSource, "select count(*) from information_schema.columns where table_name = 'campaign_click' "
                + "and column_name in ('ip', 'address', 'contact_id', 'cookie')"), "nothing about the person who clicked");

        // the first conversation from the page counts for the campaign
        Chat resident = new Chat(client, "campaign-" + System.nanoTime(), null);
        resident.says("j_mobile-id-enrollment_c-ansan-vn_l-vi");

        StaffSession partner = login("ansan-partner");
        HttpResponse<String> list = partner.get("/console/campaigns");
        assertTrue(list.body().contains("ansan-vn"), "the partner sees their campaign");
        String report = partner.get("/console/campaigns/ansan-vn").body();
        assertTrue(report.matches("(?s).*<td>vi</td>\\s*<td>1</td>\\s*<td>1</td>\\s*<td>1</td>\\s*<td>0</td>.*"), report);
        assertTrue(report.contains("<svg") && report.contains("/c/ansan-vn/poster.pdf?lang=km"), "a chart, and the posters");
        assertTrue(partner.getRaw("/console/campaigns/ansan-vn/csv").body().contains("vi,1,1,1,0"));
        assertTrue(partner.getRaw("/console/campaigns/ansan-vn/csv?by=channel").body().contains("api,1,1,0"), "the API stand-in for a channel");
        // the link as a QR code: the PNG reads back as the campaign's address, the SVG is one drawing
        HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/c/ansan-vn/qr.png")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, png.statusCode());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
        String decoded = new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                new com.google.zxing.common.HybridBinarizer(new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image)))).getText();
        assertEquals(publicUrl.of("/c/ansan-vn"), decoded);
        HttpResponse<String> svg = get("/c/ansan-vn/qr.svg");
        assertTrue(svg.body().contains("<svg") && svg.headers().firstValue("content-type").orElse("").startsWith("image/svg+xml"));
        assertEquals(404, get("/c/no-such-campaign/qr.png").statusCode());

        // keyword entry from a feature phone: the campaign's keyword alone starts the guide in its first language
        Map<String, Object> keyword = new Chat(client, "keyword-" + System.nanoTime(), null).says("ansan");
        assertEquals("journey", keyword.get("outcome"));
        assertEquals("vi", keyword.get("language"));
        assertEquals("2", Sql.one(dataSource, "select count(*) from journey_event where campaign = 'ansan-vn' and event = 'started'"));

        // the partner's analytics count only the residents their campaigns brought: 2 messages from the link's resident,
        // 1 from the keyword's; not the Mongolian message of a resident who came on their own
        resident.says("thẻ cư trú di động là gì?");
        new Chat(client, "no-campaign-" + System.nanoTime(), "mn").says("гар утасны үнэмлэх гэж юу вэ?");
        HttpResponse<String> analytics = partner.get("/console/analytics?days=7");
        assertEquals(200, analytics.statusCode());
        assertTrue(analytics.body().contains("ansan-vn"), "says whose residents it counts");
        java.util.List<String> perLanguage = partner.getRaw("/console/analytics/csv/messages-per-language?days=7").body().lines().skip(1).toList();
        assertEquals(3, perLanguage.stream().mapToInt(l -> Integer.parseInt(l.substring(l.lastIndexOf(',') + 1))).sum(), perLanguage.toString());
        assertTrue(perLanguage.stream().noneMatch(l -> l.startsWith("mn,")), perLanguage.toString());
        assertTrue(partner.getRaw("/console/analytics/csv/journey-funnel").body().contains("started,2"), "both journeys, no one else's");
        assertTrue(login("camp-admin").getRaw("/console/analytics/csv/messages-per-language?days=7").body().lines().anyMatch(l -> l.startsWith("mn,")),
                "staff see everyone's");

        StaffSession other = login("other-partner");
        assertEquals(1L, other.getRaw("/console/analytics/csv/messages-per-language?days=7").body().lines().count(), "no campaigns, no rows");
        assertFalse(other.get("/console/campaigns").body().contains("ansan-vn"), "another association does not see it");
        assertEquals(404, other.get("/console/campaigns/ansan-vn").statusCode());
        assertTrue(other.get("/console/content").statusCode() != 200, "partners see no content");
    }

    @Test
    void postersPrintInEveryScriptAndTheirPdfQrCodeOpensTheCampaignInThatLanguage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
        login("camp-admin").submit("/console/campaigns", "/console/campaigns", Map.of("code", "poster-test", "name", "Posters",
                "organisation", "Poster association", "languages", "km, my", "from", today.plusDays(3).toString(),
                "to", today.plusDays(30).toString(), "keyword", "KHMER"));
        HttpResponse<String> page = get("/c/poster-test/poster");
        assertEquals(200, page.statusCode(), "a poster can be printed before the campaign starts");
        assertTrue(page.body().contains("<html lang=\"km\"") && page.body().contains("ខ្មែរ"), "the language's name in its own script");
        assertTrue(page.body().contains("<svg") && page.body().contains("KHMER") && page.body().contains("@page{size:A4"));
        assertTrue(page.body().contains("/c/poster-test/poster?lang=my"), "the campaign's other languages");
        assertEquals(404, get("/c/no-such-campaign/poster").statusCode());
        assertEquals(404, get("/c/no-such-campaign/poster.pdf").statusCode());

        org.junit.jupiter.api.Assumptions.assumeTrue(kr.ieum.support.Programs.onPath("pdftoppm") || "true".equals(System.getenv("CI")),
                "pdftoppm (Debian's poppler-utils) is not installed: the PDF is not rendered here");
        for (String tag : new String[] {"km", "my", "ur", "ko", "si", "vi"}) {
            HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/c/poster-test/poster.pdf?lang=" + tag)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, pdf.statusCode(), tag + ": " + new String(pdf.body(), StandardCharsets.UTF_8));
            assertEquals("application/pdf", pdf.headers().firstValue("content-type").orElse(""));
            java.nio.file.Path file = dir.resolve(tag + ".pdf");
            java.nio.file.Files.write(file, pdf.body());
            Process p = new ProcessBuilder("pdftoppm", "-r", "100", "-png", file.toString(), dir.resolve(tag).toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            java.nio.file.Path png = dir.resolve(tag + "-1.png");
            assertTrue(java.nio.file.Files.exists(png), "page 1 of " + tag);
            assertFalse(java.nio.file.Files.exists(dir.resolve(tag + "-2.png")), "one page");
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
            String decoded = new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                    new com.google.zxing.common.HybridBinarizer(new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image)))).getText();
            assertEquals(server.getURL() + "/c/poster-test?lang=" + tag, decoded, tag + ": this service's own address when none is configured");
            assertTrue(inkAbove(image, image.getHeight() / 5) > 0.01, tag + ": the language's name and title are drawn at the top");
        }
    }

    /** The share of dark pixels in the top {@code rows} rows of a page. */
    private static double inkAbove(java.awt.image.BufferedImage image, int rows) {
        long dark = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3 < 128) {
                    dark++;
                }
            }
        }
        return (double) dark / ((long) rows * image.getWidth());
    }

    @Test
    void aCampaignThatOpensATopicOnChosenChannelsAnswersItAndCountsTheResident() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
        StaffSession admin = login("camp-admin");
        HttpResponse<String> created = admin.submit("/console/campaigns", "/console/campaigns", Map.ofEntries(Map.entry("code", "cost-vi"), Map.entry("name", "Is it free?"), Map.entry("organisation", "Vietnamese Church of Siheung"), Map.entry("languages", "vi"), Map.entry("topic", "mobile-id-cost"), Map.entry("channel-webchat", "on"), Map.entry("channel-line", "on"), Map.entry("channel-kakao", "on"), Map.entry("from", today.toString()), Map.entry("to", today.plusDays(9).toString()), Map.entry("keyword", "COSTVI")));
        assertTrue(created.headers().firstValue("location").orElse("").contains("done=created"), created.headers().toString());
        String page = get("/c/cost-vi").body();
        String code = "t_mobile-id-cost_c-cost-vi_l-vi";
        assertTrue(page.contains(faq.text("mobile-id-cost", "vi").orElseThrow().localization().sms().substring(0, 20)), "the topic first");
        assertTrue(page.contains("/chat?lang=vi&amp;start=" + code), "web chat opens the topic");
        assertTrue(page.contains("https://line.me/R/oaMessage/%40ieum/?" + code), "LINE with the code as its first message");
        assertTrue(page.contains("https://pf.kakao.com/_xIeum/chat"), "the KakaoTalk channel");
        assertFalse(page.contains("t.me/"), "Telegram is not one of this campaign's channels");
        assertFalse(page.contains(messages.render("vi", "campaign.start.sms", Map.of("keyword", "x", "number", "y")).text().substring(0, 8)),
                "nor SMS");
        Map<String, Object> reply = new Chat(client, "topic-campaign-" + System.nanoTime(), null).says(code);
        assertEquals("mobile-id-cost", reply.get("topic"));
        assertEquals("vi", reply.get("language"));
        assertEquals("1", Sql.one(dataSource, "select count(*) from contact where campaign = 'cost-vi'"), "counted for the campaign");
        // the campaign's keyword opens the same topic, in the campaign's language, from any phone
        Map<String, Object> keyword = new Chat(client, "topic-keyword-" + System.nanoTime(), null).says("costvi");
        assertEquals("mobile-id-cost", keyword.get("topic"));
        assertEquals("vi", keyword.get("language"));
        assertEquals("2", Sql.one(dataSource, "select count(*) from contact where campaign = 'cost-vi'"));
    }

    @Test
    void anAssociationAsksForAPartnerAccountAndCanSignInOnlyOnceAnAdminApprovesIt() throws Exception {
        String body = "organisation=Nepali+Society+of+Gimpo&name=Sita+Gurung&contact=010-1234-5678&username=gimpo-np"
                + "&password=" + java.net.URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> asked = post("/console/partner-request", body);
        assertEquals(200, asked.statusCode());
        assertEquals(409, post("/console/partner-request", body).statusCode(), "the username is taken");
        assertEquals(422, post("/console/partner-request", "organisation=x&name=y&contact=z&username=ok-name&password=short").statusCode());
        StaffSession early = new StaffSession(server.getURI());
        assertTrue(!early.login("gimpo-np", PASSWORD).headers().firstValue("location").orElse("").equals("/console"),
                "no sign-in before an admin approves");
        StaffSession admin = login("camp-admin");
        assertTrue(admin.get("/console/accounts").body().contains("010-1234-5678"), "the admin sees how to check who asked");
        assertEquals(303, admin.submit("/console/accounts", "/console/accounts/gimpo-np/approve", Map.of()).statusCode());
        StaffSession partner = login("gimpo-np");
        assertEquals(200, partner.get("/console/campaigns").statusCode(), "a partner of its organisation");
        assertEquals("1", Sql.one(dataSource, "select count(*) from audit_log where action = 'account.approve' and target = 'gimpo-np'"));
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theGeneralKeywordWithALanguageStartsTheGuideInThatLanguage() {
        for (String[] t : new String[][] {{"ID VI", "vi"}, {"id 베트남어", "vi"}, {"ID ខ្មែរ", "km"}, {"ID Nepali", "ne"}, {"ID", "en"}}) {
            Map<String, Object> r = new Chat(client, "id-keyword-" + System.nanoTime(), null).says(t[0]);
            assertEquals("journey", r.get("outcome"), t[0]);
            assertEquals(t[1], r.get("language"), t[0]);
        }
        Map<String, Object> question = new Chat(client, "id-question-" + System.nanoTime(), null).says("ID card lost what do I do");
        assertFalse("journey".equals(question.get("outcome")), "a question that starts with ID is still a question");
    }

    @Test
    void unknownExpiredAndMalformedCodesGetAFriendlyPageNeverAnErrorOrARedirect() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
        login("camp-admin").submit("/console/campaigns", "/console/campaigns", Map.of("code", "old-one", "name", "Ended",
                "organisation", "Some association", "languages", "ne", "from", today.minusDays(60).toString(),
                "to", today.minusDays(30).toString()));
        String title = messages.render("ne", "campaign.unknown.title").text();
        for (String path : new String[] {"/c/no-such-campaign", "/c/old-one", "/c/%3Cscript%3Ealert(1)%3C%2Fscript%3E?lang=ne",
                "/c/" + "x".repeat(300)}) {
            HttpResponse<String> r = get(path + (path.contains("?") ? "" : "?lang=ne"));
            assertEquals(404, r.statusCode(), path);
            assertTrue(r.headers().firstValue("location").isEmpty(), "no redirect: " + path);
            assertTrue(r.body().contains(title), "a friendly page in Nepali: " + path);
            assertFalse(r.body().contains("<script>"), path);
        }
        assertEquals("0", Sql.one(dataSource, "select coalesce(sum(clicks), 0) from campaign_click cc join campaign c on c.id = cc.campaign_id "
                + "where c.code = 'old-one'"), "an expired campaign counts no clicks");
    }
}
