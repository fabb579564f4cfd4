package kr.ieum.channel.webchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import kr.ieum.faq.FaqService;
import kr.ieum.i18n.Messages;
import kr.ieum.support.Chromium;
import kr.ieum.support.ServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in a real browser (headless Chromium, 360 px wide): ask in Vietnamese, MENU, pick an option by
 * its button, switch to Urdu with the language picker and get a right-to-left layout. Skipped when the Debian
 * chromium and chromedriver binaries are absent ({@code .ci/run} installs them).
 */
@MicronautTest(transactional = false)
class WebchatBrowserIT extends ServiceTest {
    @Inject
    EmbeddedServer server;
    @Inject
    FaqService faq;
    @Inject
    Messages messages;
    @Inject
    kr.ieum.enrollment.JourneyService journeys;
    ChromeDriver driver;
    WebDriverWait wait;
    Chromium browser;

    @BeforeAll
    void startBrowser() throws IOException {
        browser = Chromium.start();
        driver = browser.driver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        // a page being replaced (a language switch, a redirect) makes elements found a moment before stale: look again
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void asksInVietnameseUsesTheMenuButtonsAndSwitchesToRightToLeftUrdu() {
        driver.get(server.getURL() + "/chat?lang=vi");
        wait.until(d -> "1".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        WebElement html = driver.findElement(By.tagName("html"));
        assertEquals("vi", html.getAttribute("lang"));
        assertEquals("ltr", html.getAttribute("dir"));
        assertEquals(messages.render("vi", "page.send").text(), driver.findElement(By.id("send")).getText());
        assertTrue(driver.findElement(By.id("log")).getAttribute("aria-live").equals("polite"));

        // ask with Enter
        WebElement input = driver.findElement(By.id("q"));
        input.sendKeys("thẻ cư trú di động là gì?", Keys.ENTER);
        String firstLine = faq.text("mobile-id-overview", "vi").orElseThrow().localization().answer().lines().findFirst().orElseThrow();
        WebElement answer = waitForBotMessage(firstLine.substring(0, 40));
        assertEquals("vi", answer.getAttribute("lang"));
        assertEquals("q", driver.switchTo().activeElement().getAttribute("id"), "focus stays in the input");

        // MENU, then the second topic by clicking its button
        driver.findElement(By.id("q")).sendKeys("MENU", Keys.ENTER);
        String menuTitle = messages.render("vi", "menu.title").text();
        WebElement menu = waitForBotMessage(menuTitle);
        List<WebElement> buttons = menu.findElements(By.cssSelector(".opts button"));
        assertTrue(buttons.size() >= 5, "numbered options as buttons");
        // the step-by-step guide comes first, so button 2 is the first topic of the menu
        String second = faq.menu().get(0);
        WebElement option = buttons.get(1);
        assertEquals("2", option.getAttribute("data-key"));
        option.click();
        waitForBotMessage(start(faq.text(second, "vi").orElseThrow().localization().answer()));
        assertFalse(menu.findElements(By.cssSelector(".opts button")).get(0).isEnabled(), "a used menu is disabled");

        // keyboard: Tab from the input reaches the send button
        WebElement q = driver.findElement(By.id("q"));
        q.click();
        q.sendKeys(Keys.TAB);
        assertEquals("send", driver.switchTo().activeElement().getAttribute("id"));

        // the page fits a 360 px screen
        long overflow = (Long) js("return document.documentElement.scrollWidth - window.innerWidth;");
        assertTrue(overflow <= 0, "no horizontal scrolling at 360 px: " + overflow);

        // switch to Urdu with the language picker
        new Select(driver.findElement(By.id("lang"))).selectByValue("ur");
        driver.findElement(By.id("langgo")).click();
        wait.until(d -> "ur".equals(d.findElement(By.tagName("html")).getAttribute("lang"))
                && "1".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        assertEquals("rtl", driver.findElement(By.tagName("html")).getAttribute("dir"));
        WebElement urInput = driver.findElement(By.id("q"));
        assertEquals("rtl", urInput.getCssValue("direction"));
        assertEquals("right", urInput.getCssValue("text-align"));
        WebElement send = driver.findElement(By.id("send"));
        assertTrue(send.getRect().getX() < urInput.getRect().getX(), "mirrored: the send button is left of the input");
        assertEquals(messages.render("ur", "page.send").text(), send.getText());
        assertTrue(driver.findElement(By.id("log")).getText().contains(firstLine.substring(0, 40)), "the conversation is kept");

        urInput.sendKeys("موبائل رہائشی کارڈ (موبائل ARC) کیا ہے؟", Keys.ENTER);
        String urLine = faq.text("mobile-id-overview", "ur").orElseThrow().localization().answer().lines().findFirst().orElseThrow();
        WebElement urdu = waitForBotMessage(urLine.substring(0, 30));
        assertEquals("rtl", urdu.getAttribute("dir"));
        assertEquals("rtl", urdu.getCssValue("direction"));
    }

    /** A journey's deep link opens the chat at its step; the resident goes on by clicking the choices' buttons. */
    @Test
    void aDeepLinkOpensTheJourneyAndItsButtonsDriveIt() {
        kr.ieum.content.JourneyTexts vi = journeys.journey("mobile-id-enrollment").orElseThrow().texts().get("vi");
        driver.get(server.getURL() + "/j/mobile-id-enrollment?lang=vi&step=card&c=browser-test");
        wait.until(d -> "1".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        assertTrue(driver.getCurrentUrl().contains("/chat?lang=vi&start="), driver.getCurrentUrl());
        WebElement card = waitForBotMessage(head(vi.steps().get("card").text()));
        List<WebElement> choices = card.findElements(By.cssSelector(".opts button"));
        assertEquals(3, choices.size());
        assertTrue(choices.get(1).getText().endsWith(vi.steps().get("card").choices().get("old")), choices.get(1).getText());
        choices.get(1).click();
        WebElement method = waitForBotMessage(head(vi.steps().get("old-method").text()));
        method.findElements(By.cssSelector(".opts button")).get(0).click();
        waitForBotMessage(head(vi.steps().get("office").text()));
        driver.findElement(By.id("q")).sendKeys("Guro-gu", Keys.ENTER);
        waitForBotMessage("Seoul Southern Immigration Office");
        WebElement book = waitForBotMessage(head(vi.steps().get("qr-book").text()));
        List<WebElement> guide = book.findElements(By.cssSelector(".opts button"));
        assertEquals(3, guide.size(), "done, problem, later");
        assertTrue(guide.get(0).getText().endsWith(messages.render("vi", "journey.choice.done").text()));
        guide.get(0).click();
        waitForBotMessage(head(vi.steps().get("qr-install").text()));
    }

    private static String head(String text) {
        String line = text.lines().findFirst().orElseThrow();
        return line.substring(0, Math.min(30, line.length()));
    }

    @Test
    void theWidgetOpensTheChatInAPanel() throws IOException {
        // another site (another origin) embeds the widget with one script tag
        String host = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"></head><body><p>Ministry page</p>"
                + "<script src=\"" + server.getURL() + "/webchat/widget.js\" data-lang=\"vi\" async></script></body></html>";
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            byte[] page = host.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        site.start();
        try {
            driver.get("http://127.0.0.1:" + site.getAddress().getPort() + "/");
            openAndCloseTheWidget();
        } finally {
            site.stop(0);
        }
    }

    private void openAndCloseTheWidget() {
        WebElement button = wait.until(d -> d.findElements(By.cssSelector("button.ieum-w-btn")).stream().findFirst().orElse(null));
        assertEquals(messages.render("vi", "webchat.open").text(), button.getAttribute("aria-label"));
        assertEquals("false", button.getAttribute("aria-expanded"));
        button.click();
        assertEquals("true", button.getAttribute("aria-expanded"));
        WebElement frame = driver.findElement(By.cssSelector(".ieum-w-panel iframe"));
        assertTrue(frame.getAttribute("src").endsWith("/chat?embed=1&lang=vi"), frame.getAttribute("src"));
        assertEquals(messages.render("vi", "page.title").text(), frame.getAttribute("title"));
        button.click();
        assertEquals("false", button.getAttribute("aria-expanded"));
    }

    private WebElement waitForBotMessage(String containing) {
        return wait.until(d -> {
            List<WebElement> bots = d.findElements(By.cssSelector("#log li.bot"));
            for (int i = bots.size() - 1; i >= 0; i--) {
                if (bots.get(i).getText().contains(containing)) {
                    return bots.get(i);
                }
            }
            return null;
        });
    }

    /** The beginning of an answer's first line as the page shows it (before any link markup). */
    private static String start(String markdown) {
        String line = markdown.lines().findFirst().orElseThrow().replaceFirst("^(- |\\d+\\. )", "");
        int link = line.indexOf('[');
        String plain = link < 0 ? line : line.substring(0, link);
        return plain.substring(0, Math.min(30, plain.length()));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }
}
