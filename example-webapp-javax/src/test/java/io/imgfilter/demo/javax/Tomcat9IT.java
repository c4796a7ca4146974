package io.imgfilter.demo.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.UrlSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * example-webapp-javax.war as webapps/ROOT.war of a real Tomcat 9 ({@code bin/catalina.sh run} of
 * the distribution from Maven Central), originals from IMAGE_ORIGINALS_DIR and the key from
 * IMAGE_SIGNING_KEY, checked over HTTP: the gallery (JSP, JSTL 1.2, the javax tag library), every
 * demo page, the public thumb, signed and unsigned variants.
 * <p>
 * Tomcat validates web.xml and the TLDs against its Servlet 4.0 / JSP schemas here
 * ({@link TomcatProcess}): the jakarta descriptors (Servlet 6.0 web.xml, Pages 3.0 TLD) fail that
 * validation and the webapp does not start, so a page that renders proves the rewritten ones.
 */
class Tomcat9IT {

    static final String SIGNING_KEY = "integration-test-signing-key-0123456789";
    /** Signs as the filter verifies; the signing classes need no servlet API (here: the javax jar's). */
    static final UrlSigner SIGNER = new UrlSigner(KeyRing.parse(SIGNING_KEY));
    static final String ORIGINAL = "only-here.jpg";
    static final Duration STARTUP = Duration.ofSeconds(90);
    static final Pattern SMALL_LINK = Pattern.compile("href=\"(/images/small/only-here\\.jpg\\?[^\"]+)\"");

    @TempDir
    static Path tmp;

    static TomcatProcess tomcat;
    static URI root;
    static final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @BeforeAll
    static void startTomcat() throws Exception {
        Path originals = Files.createDirectories(tmp.resolve("originals"));
        writeJpeg(originals.resolve(ORIGINAL), 400, 300);

        Path war = Path.of(System.getProperty("javax.war", "target/example-webapp-javax.war"));
        Path home = Path.of(System.getProperty("tomcat.home", "target/tomcat9/missing"));
        long started = System.nanoTime();
        tomcat = TomcatProcess.start(home, Files.createDirectories(tmp.resolve("catalina-base")), war, Map.of(
                "IMAGE_SIGNING_KEY", SIGNING_KEY,
                "IMAGE_ORIGINALS_DIR", originals.toString()));
        root = URI.create("http://127.0.0.1:" + tomcat.port() + "/");
        HttpResponse<byte[]> first = awaitAnswer();
        assertEquals(200, first.statusCode(), () -> "the webapp did not start:\n" + tomcat.diagnostics());
        System.out.printf("Tomcat 9 answered after %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stopTomcat() {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    /** Polls / until Tomcat answers anything; between polls, waits for Tomcat's next line of output (at most 250 ms). */
    static HttpResponse<byte[]> awaitAnswer() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            if (!tomcat.alive()) {
                fail("Tomcat ended before it answered:\n" + tomcat.diagnostics());
            }
            try {
                return get("/");
            } catch (IOException notListeningYet) {
                // the connector starts once the webapps are deployed
            }
            if (System.nanoTime() - deadline > 0) {
                fail("Tomcat did not answer within " + STARTUP + ":\n" + tomcat.diagnostics());
            }
            tomcat.awaitOutput(Duration.ofMillis(250));
        }
    }

    static HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(root.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static BufferedImage jpeg(HttpResponse<byte[]> response) throws IOException {
        assertEquals(200, response.statusCode(), () -> response.uri() + ": " + text(response) + "\n" + tomcat.diagnostics());
        assertEquals("image/jpeg", response.headers().firstValue("Content-Type").orElse(""), response.uri()::toString);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertNotNull(image, response.uri()::toString);
        return image;
    }

    static void writeJpeg(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, new Color(0x1e3a5f), width, height, new Color(0xf2b134)));
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        assertTrue(ImageIO.write(image, "jpg", file.toFile()));
    }

    // ------------------------------------------------------------------ pages

    @Test
    void galleryListsOnlyTheOriginalOfImageOriginalsDir() throws Exception {
        HttpResponse<byte[]> response = get("/");

        assertEquals(200, response.statusCode());
        String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        assertTrue(contentType.startsWith("text/html"), contentType);
        String html = text(response);
        assertTrue(html.contains("<title>Gallery &middot; imgfilter demo</title>"), html);
        assertFalse(html.contains("<c:") || html.contains("<img:") || html.contains("${"), html);
        assertEquals(1, html.split("<li class=\"card\">", -1).length - 1, html);
        assertTrue(html.contains(">" + ORIGINAL + "</p>"), html);
        // <img:signed preset="thumb">: thumb is public, so no token
        assertTrue(html.contains("src=\"/images/thumb/" + ORIGINAL + "\""), html);
        assertFalse(html.contains("lighthouse.jpg"), "the WAR's own samples are not the source");
    }

    @ParameterizedTest
    @ValueSource(strings = {"origin.jsp", "presets.jsp", "limits.jsp", "signed.jsp", "public.jsp", "responsive.jsp",
            "options.jsp"})
    void everyDemoPageRenders(String page) throws Exception {
        HttpResponse<byte[]> response = get("/" + page);

        assertEquals(200, response.statusCode(), () -> page + ": " + text(response) + "\n" + tomcat.diagnostics());
        String html = text(response);
        assertTrue(html.contains("imgfilter demo</title>"), html);
        assertFalse(html.contains("<c:") || html.contains("<fn:") || html.contains("<img:") || html.contains("<demo:"), html);
    }

    // ------------------------------------------------------------------ images

    @Test
    void thumbIsAPublic150PixelSquareJpeg() throws Exception {
        BufferedImage thumb = jpeg(get("/images/thumb/" + ORIGINAL));

        assertEquals(150, thumb.getWidth());
        assertEquals(150, thumb.getHeight());
    }

    @Test
    void signedSmallIs300PixelsWide() throws Exception {
        BufferedImage small = jpeg(get(SIGNER.sign("/images/small/" + ORIGINAL, Duration.ofMinutes(5))));

        assertEquals(300, small.getWidth());
        assertEquals(225, small.getHeight());
    }

    @Test
    void unsignedSmallIsForbidden() throws Exception {
        HttpResponse<byte[]> response = get("/images/small/" + ORIGINAL);

        assertEquals(403, response.statusCode(), () -> text(response));
        assertFalse(response.headers().firstValue("Content-Type").orElse("").startsWith("image/"));
    }

    @Test
    void galleryLinksAreSignedByTheJavaxTagLibrary() throws Exception {
        Matcher link = SMALL_LINK.matcher(text(get("/")));
        assertTrue(link.find(), "a signed small link in the gallery");

        BufferedImage small = jpeg(get(link.group(1).replace("&amp;", "&")));
        assertEquals(300, small.getWidth());
    }

    @Test
    void tomcatLoggedNoErrorAndNoDescriptorProblem() {
        String diagnostics = tomcat.diagnostics();
        for (String line : diagnostics.split("\n")) {
            assertFalse(line.contains("SEVERE") || line.contains("Parse error") || line.contains("cvc-"),
                    () -> line + "\n" + diagnostics);
        }
    }
}
