package kr.ieum.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import kr.ieum.content.ContentService;
import kr.ieum.content.Localization;
import kr.ieum.support.Chromium;
import kr.ieum.support.ServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (headless Chromium, 360 px wide, keyboard-submittable forms): an editor signs in, edits
 * a translation side by side with its source and sends it for review; a reviewer publishes it and residents get it at
 * once; an admin reads the audit log. axe-core (4.10, bundled by Deque's pinned Maven artifact) checks every page on
 * the way and must find no serious or critical violation. Skipped without Debian's chromium and chromedriver.
 */
@MicronautTest(transactional = false)
class ConsoleBrowserIT extends ServiceTest {
    private static final String PASSWORD = "a browser test password";
    private static final String TOPIC = "hikorea";
    private static final String LOCALE = "tl";
    @Inject
    EmbeddedServer server;
    @Inject
    AccountStore accounts;
    @Inject
    ContentService content;
    @Inject
    @io.micronaut.http.client.annotation.Client("/")
    io.micronaut.http.client.HttpClient client;
    @Inject
    javax.sql.DataSource dataSource;
    @Inject
    kr.ieum.outreach.CampaignStore campaigns;
    ChromeDriver driver;
    WebDriverWait wait;
    Chromium browser;
    String axe;
    final List<String> checked = new ArrayList<>();

    @BeforeAll
    void startBrowser() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        browser = Chromium.start("--lang=en-US");
        driver = browser.driver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        // a page being replaced (a language switch, a redirect) makes elements found a moment before stale: look again
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        for (String[] a : new String[][] {{"web-ed", "editor"}, {"web-rev", "reviewer"}, {"web-admin", "admin"}}) {
            if (accounts.find(a[0]).isEmpty()) {
                accounts.create(a[0], a[0], Passwords.hash(PASSWORD), EnumSet.copyOf(Role.parse(a[1])), Instant.now());
            }
        }
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anEditorDraftsAReviewerPublishesAndEveryPageIsAccessible() {
        Localization before = content.published(TOPIC, LOCALE).orElseThrow();
        String added = "Bagong pangungusap mula sa pagsusuri.";

        signIn("web-ed");
        assertTrue(driver.getCurrentUrl().endsWith("/console/content"), driver.getCurrentUrl());
        accessible("coverage");
        driver.findElement(By.cssSelector("a[href='/console/content/" + TOPIC + "/" + LOCALE + "']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("answer")));
        accessible("editor");
        assertTrue(driver.findElement(By.id("source-h")).getText().contains("English"), "the source is shown beside it");
        WebElement answer = driver.findElement(By.id("answer"));
        answer.sendKeys(" " + added);
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.urlContains("done=saved"));
        assertTrue(driver.findElements(By.cssSelector(".preview h3")).stream().anyMatch(h -> h.getText().equals("SMS")), "channel previews");
        driver.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.urlContains("done=submitted"));
        assertTrue(driver.findElements(By.id("publish")).isEmpty(), "an editor gets no publish button");
        driver.get(server.getURL() + "/console/review");
        accessible("review queue");
        driver.get(server.getURL() + "/console/unanswered");
        accessible("unanswered questions");
        driver.get(server.getURL() + "/console/try?q=" + java.net.URLEncoder.encode("saan ang immigration office", StandardCharsets.UTF_8));
        accessible("try it");
        signOut();

        signIn("web-rev");
        driver.get(server.getURL() + "/console/content/" + TOPIC + "/" + LOCALE);
        driver.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.urlContains("done=published"));
        accessible("editor after publishing");
        Localization after = content.published(TOPIC, LOCALE).orElseThrow();
        assertTrue(after.answer().endsWith(added), "residents read the new text");
        assertEquals(before.revision() + 1, after.revision());
        assertEquals(Localization.REVIEWED, after.status());
        signOut();

        signIn("web-admin");
        assertTrue(driver.getCurrentUrl().endsWith("/console/accounts"));
        accessible("accounts");
        driver.get(server.getURL() + "/console/campaigns");
        accessible("campaigns");
        driver.get(server.getURL() + "/console/announcements");
        accessible("announcements");
        driver.get(server.getURL() + "/console/audit");
        accessible("audit log");
        String log = driver.findElement(By.tagName("table")).getText();
        assertTrue(log.contains("content.publish") && log.contains("web-rev"), "the audit log names who published");
        // the Korean interface
        driver.findElement(By.cssSelector("a.ui")).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "ko"));
        assertTrue(driver.findElement(By.tagName("h1")).getText().contains("감사 기록"));
        accessible("audit log in Korean");
        driver.get(server.getURL() + "/console/ui/en");
        signOut();
        driver.get(server.getURL() + "/console/login");
        accessible("login");
        driver.findElement(By.cssSelector("a[href='/console/partner-request']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("p-org")));
        accessible("partner request");
        assertTrue(checked.size() >= 10, "pages checked: " + checked);
    }

    @Test
    void theAnalyticsPageDrawsItsChartsAndTablesFromWhatResidentsDid() {
        // seed: three Khmer questions and one request for a person, on the HTTP API
        String who = "analytics-" + System.nanoTime();
        kr.ieum.support.Chat resident = new kr.ieum.support.Chat(client, who, "km");
        long before = khmerMessages();
        resident.says("ប័ណ្ណស្នាក់នៅលើទូរស័ព្ទ គឺជាអ្វី?");
        resident.says("តើត្រូវចំណាយប្រាក់ទេ?");
        resident.says("HUMAN");
        if (accounts.find("web-agent").isEmpty()) {
            accounts.create("web-agent", "web-agent", Passwords.hash(PASSWORD), EnumSet.of(Role.AGENT), Instant.now());
        }
        signIn("web-agent");
        assertTrue(driver.getCurrentUrl().endsWith("/console/inbox"), "agents start in their inbox");
        accessible("inbox");
        driver.get(server.getURL() + "/console/analytics?days=7");
        wait.until(ExpectedConditions.attributeToBeNotEmpty(driver.findElement(By.id("chart-messages")), "data-series"));
        assertTrue(Integer.parseInt(driver.findElement(By.id("chart-messages")).getAttribute("data-points")) == 7, "one point per day");
        assertTrue(!driver.findElements(By.cssSelector("#chart-messages canvas")).isEmpty(), "uPlot drew the chart");
        String km = driver.findElements(By.cssSelector("#table-messages-per-language tbody tr")).stream().map(WebElement::getText)
                .filter(t -> t.startsWith("km ")).findFirst().orElse("");
        assertEquals("km " + (before + 3), km, "the table counts the Khmer messages");
        String waits = driver.findElement(By.id("table-handoff-waits")).getText();
        assertTrue(waits.contains("km"), waits);
        accessible("analytics");
        signOut();
    }

    @Test
    void anAgentClaimsRepliesAndResolvesInTheBrowser() {
        kr.ieum.support.Chat resident = new kr.ieum.support.Chat(client, "browser-handoff-" + System.nanoTime(), "en");
        resident.says("HUMAN");
        String id = kr.ieum.support.Sql.one(dataSource, "select max(id) from handoff where channel = 'api' and status = 'waiting'");
        if (accounts.find("web-agent").isEmpty()) {
            accounts.create("web-agent", "web-agent", Passwords.hash(PASSWORD), EnumSet.of(Role.AGENT), Instant.now());
        }
        signIn("web-agent");
        driver.findElement(By.linkText("#" + id)).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("claim"))).click();
        wait.until(ExpectedConditions.urlContains("done=claimed"));
        accessible("conversation");
        driver.findElement(By.id("reply")).sendKeys("Hello, I am a person from the support team. How can I help?");
        driver.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.urlContains("done=queued"));
        assertTrue(driver.findElement(By.cssSelector(".talk")).getText().contains("How can I help?"), "the reply is in the conversation");
        driver.findElement(By.id("resolve")).click();
        wait.until(ExpectedConditions.urlToBe(server.getURL() + "/console/inbox"));
        assertTrue(driver.findElements(By.linkText("#" + id)).isEmpty(), "resolved requests leave the inbox");
        // the resident's channel cannot be written to first: it all comes with the next reply
        java.util.List<String> texts = kr.ieum.support.Chat.replies(resident.says("thank you")).stream()
                .map(r -> String.valueOf(r.get("text"))).toList();
        assertTrue(texts.contains("Hello, I am a person from the support team. How can I help?"), texts.toString());
        signOut();
    }

    @Test
    void aPartnerCreatesACampaignPrintsItsPosterAndSeesItsReport() throws Exception {
        if (accounts.find("web-partner").isEmpty()) {
            accounts.create("web-partner", "web-partner", Passwords.hash(PASSWORD), EnumSet.of(Role.PARTNER), Instant.now());
            campaigns.setOrganisation("web-partner", campaigns.organisation("Khmer community of Gimhae"));
        }
        signIn("web-partner");
        driver.get(server.getURL() + "/console/campaigns");
        driver.findElement(By.id("c-code")).sendKeys("gimhae-km");
        driver.findElement(By.id("c-name")).sendKeys("Gimhae Khmer community");
        driver.findElement(By.id("c-langs")).sendKeys("km, vi");
        driver.executeScript("document.getElementById('c-to').value = arguments[0]", java.time.LocalDate.now().plusDays(60).toString());
        driver.findElement(By.id("c-keyword")).sendKeys("GIMHAE");
        driver.findElement(By.cssSelector("form[action='/console/campaigns'] button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("done=created"));
        driver.findElement(By.linkText("gimhae-km")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report")));
        accessible("campaign report");
        assertTrue(!driver.findElements(By.cssSelector(".chart svg")).isEmpty(), "the report's chart");
        String pdfHref = driver.findElement(By.cssSelector("a[href='/c/gimhae-km/poster.pdf?lang=km']")).getAttribute("href");
        java.net.http.HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(pdfHref)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertTrue(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII).equals("%PDF-"), "the poster downloads as PDF");
        driver.findElement(By.cssSelector("a[href='/c/gimhae-km/poster?lang=km']")).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "km"));
        assertTrue(driver.findElement(By.cssSelector(".endonym")).getText().contains("ខ្មែរ"));
        assertTrue(!driver.findElements(By.cssSelector(".qr svg")).isEmpty(), "the QR code");
        accessible("poster km");
        driver.navigate().back();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report")));
        signOut();
    }

    private long khmerMessages() {
        String n = kr.ieum.support.Sql.one(dataSource, "select count(*) from turn where direction = 'in' and language = 'km'");
        return n == null ? 0 : Long.parseLong(n);
    }

    private void signIn(String username) {
        driver.get(server.getURL() + "/console/login");
        driver.manage().deleteAllCookies(); // each test starts in English, signed out
        driver.get(server.getURL() + "/console/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private void signOut() {
        driver.findElement(By.cssSelector("form[action='/console/logout'] button")).click();
        wait.until(ExpectedConditions.urlContains("/console/login"));
    }

    /** Runs axe-core on the page; fails on any serious or critical violation, naming the rule and the element. */
    private void accessible(String page) {
        driver.executeScript(axe);
        Object result = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + "  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + "    .map(function (v) { return v.impact + ' ' + v.id + ': ' + v.help + ' at ' + JSON.stringify(v.nodes[0].target); }));"
                + "}).catch(function (e) { done(['axe failed: ' + e]); });");
        assertEquals(List.of(), result, page + " (" + driver.getCurrentUrl() + ")");
        checked.add(page);
        screenshot(page);
    }

    /**
     * With {@code IEUM_SCREENSHOTS=<folder>} the pages are also saved as PNG at desktop width, to refresh the README's
     * pictures: {@code IEUM_SCREENSHOTS=$PWD/docs/console mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
     * -Dit.test=ConsoleBrowserIT}.
     */
    private void screenshot(String page) {
        String folder = System.getenv("IEUM_SCREENSHOTS");
        if (folder == null || folder.isBlank()) {
            return;
        }
        try {
            Path dir = Path.of(folder);
            Files.createDirectories(dir);
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
            byte[] png = driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(dir.resolve(page.replaceAll("[^a-z0-9]+", "-") + ".png"), png);
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(360, 740));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
