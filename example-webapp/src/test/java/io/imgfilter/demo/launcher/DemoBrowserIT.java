package io.imgfilter.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}):
 * every page opens, every image that should load has decoded, every one that should be refused
 * was, and each page is saved as a screenshot under {@code target/screenshots}. Skipped with a
 * message where Chromium is not installed, except in CI, where that is a failure.
 */
class DemoBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    static Path tmp;

    static DemoProcess demo;
    static ChromeDriver browser;
    static String base;

    @BeforeAll
    static void start() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("CI") != null) {
            fail("Chromium is not installed in CI: .ci/run must apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "Chromium not installed (apt-get install chromium chromium-driver): browser tests skipped");
        demo = DemoProcess.startAndAwaitRunning(Map.of("PORT", "0", "IMAGE_SIGNING_KEY", DemoLauncherIT.SIGNING_KEY), tmp);
        base = demo.baseUri().toString();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1600", "--user-data-dir=" + tmp.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void galleryShowsEveryThumbnailDecoded() throws IOException {
        open("");
        List<WebElement> thumbs = browser.findElements(By.cssSelector(".gallery img"));
        assertEquals(5, thumbs.size());
        for (WebElement thumb : thumbs) {
            scrollTo(thumb); // thumbnails load lazily
        }
        waitUntil("every thumbnail has loaded", "return [...document.querySelectorAll('.gallery img')].every(i => i.complete && i.naturalWidth > 0)");
        for (WebElement thumb : thumbs) {
            assertEquals(150L, naturalWidth(thumb), thumb.getAttribute("src"));
        }
        screenshot("gallery");
    }

    @ParameterizedTest
    @ValueSource(strings = {"origin.jsp", "presets.jsp", "limits.jsp", "signed.jsp", "public.jsp", "options.jsp"})
    void everyExampleLoadsOrFailsAsExpected(String page) throws IOException {
        open(page);
        waitUntil("every example reports its outcome",
                "return [...document.querySelectorAll('figure.example')].every(f => f.querySelector('.status').textContent !== '…')");
        List<WebElement> examples = browser.findElements(By.cssSelector("figure.example"));
        assertFalse(examples.isEmpty(), page);
        int refused = 0;
        for (WebElement example : examples) {
            WebElement img = example.findElement(By.tagName("img"));
            String label = page + " / " + example.findElement(By.tagName("strong")).getText();
            String status = example.findElement(By.cssSelector(".status")).getText();
            if ("ok".equals(example.getAttribute("data-expect"))) {
                assertTrue(naturalWidth(img) > 0, label + " should have decoded: " + status);
                assertTrue(status.startsWith("200"), label + ": " + status);
            } else {
                refused++;
                assertEquals(0L, naturalWidth(img), label + " should have been refused");
                assertTrue(status.matches("4\\d\\d .+"), label + " should show the filter's short answer: " + status);
            }
            assertTrue(example.getAttribute("class").contains("as-expected"), label);
        }
        assertTrue(refused > 0, page + " shows at least one protection at work");
        screenshot(page.replace(".jsp", ""));
    }

    @Test
    void signedPageExplainsEachRefusal() {
        open("signed.jsp");
        waitUntil("statuses", "return [...document.querySelectorAll('figure.example .status')].every(s => s.textContent !== '…')");
        String text = browser.findElement(By.tagName("main")).getText();
        assertTrue(text.contains("403 invalid or expired signature"), text);
    }

    @Test
    void limitsPageShowsWhichLimit() {
        open("limits.jsp");
        waitUntil("statuses", "return [...document.querySelectorAll('figure.example .status')].every(s => s.textContent !== '…')");
        String text = browser.findElement(By.tagName("main")).getText();
        assertTrue(text.contains("400 width 1200 is over the limit of 1000 pixels"), text);
    }

    @Test
    void responsivePagePicksFromTheSrcset() throws IOException {
        open("responsive.jsp");
        WebElement img = browser.findElement(By.cssSelector(".responsive img"));
        waitUntil("the responsive image has loaded", "return document.querySelector('.responsive img').naturalWidth > 0");
        String current = (String) ((JavascriptExecutor) browser).executeScript("return arguments[0].currentSrc", img);
        assertTrue(current.contains("/images/medium/") || current.contains("/images/large/"),
                "a 700 px slot picks a larger candidate than small: " + current);
        assertTrue(current.contains("sig="), current);
        screenshot("responsive");
    }

    private static void open(String page) {
        browser.get(base + page);
    }

    private static void scrollTo(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", element);
    }

    private static long naturalWidth(WebElement img) {
        return (Long) ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth", img);
    }

    private static void waitUntil(String what, String script) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .withMessage(what)
                .until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(script)));
    }

    private static void screenshot(String name) throws IOException {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
