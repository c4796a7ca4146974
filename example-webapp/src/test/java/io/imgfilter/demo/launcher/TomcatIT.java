package io.imgfilter.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The very WAR the build produced, deployed unchanged in embedded Tomcat 10.1 at context path
 * {@code /demo}: the JSP gallery renders with JSTL, every example on the protection pages behaves
 * as it does in Jetty, and nothing private is reachable.
 */
class TomcatIT {

    static final Path WAR = Path.of("target/example-webapp.war");
    static final Pattern EXAMPLE = Pattern.compile(
            "<figure class=\"example[^\"]*\" data-expect=\"(ok|fail)\">\\s*<div[^>]*><img src=\"([^\"]+)\"");

    @TempDir
    static Path base;

    static Tomcat tomcat;
    static String root;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void deploy() throws Exception {
        assertTrue(Files.isRegularFile(WAR), "build the WAR first (mvn package)");
        // web.xml reads the key as ${env:IMAGE_SIGNING_KEY|sys:imgfilter.demo.signing-key}
        System.setProperty("imgfilter.demo.signing-key", DemoLauncherIT.SIGNING_KEY);
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        // As an operator hardens a Tomcat: requests the connector refuses before any webapp sees
        // them (an encoded slash, say) get a page without the server's name and version.
        ErrorReportValve errors = new ErrorReportValve();
        errors.setShowServerInfo(false);
        errors.setShowReport(false);
        tomcat.getHost().getPipeline().addValve(errors);
        Context context = tomcat.addWebapp("/demo", WAR.toAbsolutePath().toString());
        // Only the WAR's own jars are scanned for TLDs, as in a standalone Tomcat.
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        tomcat.start();
        root = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/demo";
    }

    @AfterAll
    static void undeploy() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
        System.clearProperty("imgfilter.demo.signing-key");
    }

    @Test
    void galleryRendersWithJstlAndSignedLinks() throws Exception {
        HttpResponse<byte[]> response = get(root + "/");
        assertEquals(200, response.statusCode());
        String html = text(response);
        assertFalse(html.contains("<c:") || html.contains("${"), html);
        assertEquals(5, html.split("<li class=\"card\">", -1).length - 1, html);
        assertTrue(html.contains("src=\"/demo/images/thumb/2024/caf%C3%A9%20terrace.jpg\""), html);
        Matcher signed = Pattern.compile("href=\"(/demo/images/small/[^\"]+)\"").matcher(html);
        assertTrue(signed.find(), html);
        BufferedImage small = image(get(origin() + signed.group(1).replace("&amp;", "&")));
        assertEquals(300, small.getWidth());
    }

    @Test
    void thumbnailsArePublicAndSquare() throws Exception {
        BufferedImage thumb = image(get(root + "/images/thumb/lighthouse.jpg"));
        assertEquals(150, thumb.getWidth());
        assertEquals(150, thumb.getHeight());
    }

    @Test
    void tokensAndLimitsAreEnforced() throws Exception {
        assertEquals(403, get(root + "/images/small/lighthouse.jpg").statusCode());
        String signed = DemoLauncherIT.SIGNER.sign("/demo/images/width=1200/lighthouse.jpg", Duration.ofMinutes(5));
        HttpResponse<byte[]> tooWide = get(origin() + signed);
        assertEquals(400, tooWide.statusCode());
        assertEquals("width 1200 is over the limit of 1000 pixels", text(tooWide).strip());
    }

    /** Every live example on every protection page loads or is refused as the page says. */
    @ParameterizedTest
    @ValueSource(strings = {"origin.jsp", "presets.jsp", "limits.jsp", "signed.jsp", "public.jsp", "options.jsp"})
    void examplesBehaveAsInJetty(String page) throws Exception {
        String html = text(get(root + "/" + page));
        Matcher example = EXAMPLE.matcher(html);
        List<String> checked = new ArrayList<>();
        while (example.find()) {
            String src = example.group(2).replace("&amp;", "&");
            HttpResponse<byte[]> response = get(origin() + src);
            if (example.group(1).equals("ok")) {
                image(response);
            } else {
                int status = response.statusCode();
                assertTrue(status >= 400 && status < 500, page + " " + src + " gave " + status);
            }
            checked.add(src);
        }
        assertFalse(checked.isEmpty(), page + " has examples:\n" + html);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/WEB-INF/originals/lighthouse.jpg",
        "/WEB-INF/web.xml",
        "/images/thumb/..%2f..%2fWEB-INF%2fweb.xml",
        "/images/thumb/%2e%2e/%2e%2e/WEB-INF/web.xml",
        "/images/thumb/%252e%252e/web.xml",
        "/images/thumb/lighthouse.jpg%00.png"})
    void nothingPrivateIsReachable(String path) throws Exception {
        HttpResponse<byte[]> response = get(root + path);
        int status = response.statusCode();
        assertTrue(status == 400 || status == 404, path + " gave " + status);
        String body = text(response);
        assertFalse(body.contains("Tomcat"), "no container name or version: " + body);
        assertFalse(body.contains(base.toString()), body);
    }

    private static String origin() {
        return root.substring(0, root.length() - "/demo".length());
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static BufferedImage image(HttpResponse<byte[]> response) throws Exception {
        assertEquals(200, response.statusCode(), response.uri() + ": " + text(response));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertNotNull(image, response.uri().toString());
        return image;
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
