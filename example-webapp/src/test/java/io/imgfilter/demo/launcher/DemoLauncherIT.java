package io.imgfilter.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import io.imgfilter.demo.Originals;
import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.UrlSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the built {@code target/example-webapp.jar} (which deploys {@code target/example-webapp.war})
 * as a user would, and checks the demo contract from the outside, over HTTP.
 */
class DemoLauncherIT {

    static final String SIGNING_KEY = "integration-test-signing-key-0123456789";
    static final UrlSigner SIGNER = new UrlSigner(KeyRing.parse(SIGNING_KEY));
    static final Path BUNDLED_ORIGINALS = Path.of("src/main/webapp/WEB-INF/originals");
    static final Pattern RANDOM_KEY_WARNING = Pattern.compile("WARN .*IMAGE_SIGNING_KEY is not set");

    @TempDir
    static Path tmp;

    /** Every process a test started; all are ended in {@link #stopAll()}, whatever happened. */
    static final List<DemoProcess> started = new ArrayList<>();
    static DemoProcess demo;
    static URI base;
    static HttpClient http;

    @BeforeAll
    static void startDemo() throws IOException {
        http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        demo = launch(Map.of("PORT", "0", "IMAGE_SIGNING_KEY", SIGNING_KEY), newTmpDir("shared"));
        base = demo.baseUri();
    }

    @AfterAll
    static void stopAll() {
        synchronized (started) {
            started.forEach(DemoProcess::close);
            started.clear();
        }
    }

    static DemoProcess launch(Map<String, String> environment, Path tmpDir) throws IOException {
        return launch(environment, tmpDir, List.of());
    }

    static DemoProcess launch(Map<String, String> environment, Path tmpDir, List<String> jvmOptions)
            throws IOException {
        DemoProcess process = DemoProcess.start(environment, tmpDir, jvmOptions);
        synchronized (started) {
            started.add(process);
        }
        return process;
    }

    static Path newTmpDir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    static HttpResponse<byte[]> get(URI root, String rawPath) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(root.resolve(rawPath))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static List<String> bundledOriginals() throws IOException {
        try (Stream<Path> files = Files.walk(BUNDLED_ORIGINALS)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> BUNDLED_ORIGINALS.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    static int count(String haystack, String needle) {
        int count = 0;
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }

    // ------------------------------------------------------------------ the gallery

    @Test
    void galleryIsRenderedByJspAndListsEveryBundledOriginal() throws Exception {
        HttpResponse<byte[]> response = get(base, "/");

        assertEquals(200, response.statusCode());
        String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        assertTrue(contentType.startsWith("text/html") && contentType.contains("charset=utf-8"), contentType);
        String html = text(response);
        assertTrue(html.contains("<title>Gallery &middot; imgfilter demo</title>"), html);
        // JSP and JSTL ran: no tags or expressions left over, and one card per original
        assertFalse(html.contains("<c:") || html.contains("${") || html.contains("<%"), html);

        List<String> originals = bundledOriginals();
        assertEquals(5, originals.size(), originals::toString);
        assertEquals(originals.size(), count(html, "<li class=\"card\">"), html);
        for (String original : originals) {
            String encoded = Originals.encodePath(original);
            assertTrue(html.contains("src=\"/images/thumb/" + encoded + "\""), () -> original + " thumb in\n" + html);
            for (String preset : List.of("small", "medium", "large")) {
                assertTrue(html.contains("href=\"/images/" + preset + "/" + encoded + "?exp="),
                        () -> original + " signed " + preset + " link in\n" + html);
            }
            assertTrue(html.contains(">" + original + "</p>"), () -> original + " caption in\n" + html);
        }
        assertTrue(html.contains("images/thumb/2024/caf%C3%A9%20terrace.jpg"), html);
    }

    /** DESIGN.md: the demo's image answers say where the variant came from, for devtools. */
    @Test
    void imageAnswersCarryServerTiming() throws Exception {
        String path = SIGNER.sign("/images/width=123/lighthouse.jpg", java.time.Duration.ofMinutes(5));
        String first = get(base, path).headers().firstValue("Server-Timing").orElseThrow();
        assertTrue(first.matches("render;dur=\\d+\\.\\d"), first);
        String second = get(base, path).headers().firstValue("Server-Timing").orElseThrow();
        assertTrue(second.matches("memory;dur=\\d+\\.\\d"), second);
    }

    @Test
    void stylesheetIsServed() throws Exception {
        HttpResponse<byte[]> response = get(base, "/css/demo.css");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    }

    @Test
    void signingKeyFromTheEnvironmentMeansNoWarning() {
        assertTrue(demo.lines().stream().noneMatch(line -> RANDOM_KEY_WARNING.matcher(line).find()), demo::output);
    }

    // ------------------------------------------------------------------ resized images

    static BufferedImage image(HttpResponse<byte[]> response, String expectedType) throws IOException {
        assertEquals(200, response.statusCode(), () -> response.uri() + ": " + text(response));
        assertEquals(expectedType, response.headers().firstValue("Content-Type").orElse(""), response.uri()::toString);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertNotNull(image, response.uri()::toString);
        return image;
    }

    static String typeOf(String original) {
        return original.endsWith(".png") ? "image/png" : "image/jpeg";
    }

    @ParameterizedTest
    @MethodSource("bundledOriginals")
    void thumbIsA150PixelSquare(String original) throws Exception {
        BufferedImage thumb = image(get(base, "/images/thumb/" + Originals.encodePath(original)), typeOf(original));

        assertEquals(150, thumb.getWidth(), original);
        assertEquals(150, thumb.getHeight(), original);
    }

    @ParameterizedTest
    @CsvSource({
            // original, preset, width, height (aspect kept; the EXIF one is shown upright)
            "harbour-at-dawn.jpg,       small,  300, 200",
            "lighthouse.jpg,            small,  300, 450",
            "2024/portrait-exif-6.jpg,  small,  300, 450",
            "harbour-at-dawn.jpg,       medium, 600, 400",
            "lighthouse.jpg,            large,  900, 1350",
            "badge.png,                 medium, 600, 600"})
    void widthPresetsKeepTheAspectRatio(String original, String preset, int width, int height) throws Exception {
        String path = "/images/" + preset + "/" + Originals.encodePath(original);
        assertEquals(403, get(base, path).statusCode(), "unsigned " + path);
        BufferedImage resized = image(get(base, SIGNER.sign(path, Duration.ofMinutes(5))), typeOf(original));

        assertEquals(width, resized.getWidth(), original);
        assertEquals(height, resized.getHeight(), 1.0, original);
    }

    @Test
    void flexibleOptionsAreAllowedUpToTheLimit() throws Exception {
        String path = "/images/width=400,fit=cover/harbour-at-dawn.jpg";
        assertEquals(403, get(base, path).statusCode(), "flexible options need a token");
        BufferedImage resized = image(get(base, SIGNER.sign(path, Duration.ofMinutes(5))), "image/jpeg");
        assertEquals(400, resized.getWidth());

        HttpResponse<byte[]> tooWide = get(base, SIGNER.sign("/images/width=1200/harbour-at-dawn.jpg", Duration.ofMinutes(5)));
        assertEquals(400, tooWide.statusCode(), text(tooWide));
    }

    @Test
    void presetsAnswerWebpToBrowsersThatAcceptIt() throws Exception {
        HttpResponse<byte[]> webp = http.send(HttpRequest.newBuilder(base.resolve("/images/thumb/lighthouse.jpg"))
                .header("Accept", "image/avif,image/webp,image/apng,image/*,*/*;q=0.8").build(), HttpResponse.BodyHandlers.ofByteArray());
        BufferedImage thumb = image(webp, "image/webp");
        assertEquals(150, thumb.getWidth());
        assertEquals("Accept", webp.headers().firstValue("Vary").orElse(""));
    }

    @Test
    void urisJettyRefusesItselfGetAShortTextNotAnHtmlPageEchoingThem() throws Exception {
        for (String path : List.of("/images/thumb/%2e%2e/%2e%2e/WEB-INF/web.xml", "/images/thumb/..%2f..%2fetc%2fpasswd",
                "/images/thumb/100%25.jpg")) {
            HttpResponse<byte[]> refused = http.send(HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                    .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(400, refused.statusCode(), path);
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), path);
            assertEquals("bad request", text(refused).strip(), path);
        }
    }

    @Test
    void unknownOriginalsAndPresetsAreRefused() throws Exception {
        assertEquals(404, get(base, "/images/thumb/no-such-picture.jpg").statusCode());
        assertEquals(400, get(base, "/images/huge/lighthouse.jpg").statusCode());
    }

    // ------------------------------------------------------------------ nothing private is reachable

    static Stream<String> privatePaths() throws IOException {
        Stream<String> originals = bundledOriginals().stream()
                .map(original -> "/WEB-INF/originals/" + Originals.encodePath(original));
        return Stream.concat(originals, Stream.of(
                "/WEB-INF/web.xml",
                "/WEB-INF/",
                "/WEB-INF/originals/",
                "/WEB-INF/lib/",
                "/WEB-INF/classes/io/imgfilter/demo/Originals.class",
                "/META-INF/MANIFEST.MF",
                "/web-inf/web.xml",
                "/WEB-INF/originals/lighthouse.jpg/"));
    }

    @ParameterizedTest
    @MethodSource("privatePaths")
    void webInfIsNotServed(String rawPath) throws Exception {
        HttpResponse<byte[]> response = get(base, rawPath);

        assertEquals(404, response.statusCode(), rawPath);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/%57EB-INF/web.xml",
            "/./WEB-INF/web.xml",
            "/css/../WEB-INF/web.xml",
            "/css/%2e%2e/WEB-INF/web.xml",
            "/css/..%2fWEB-INF/web.xml",
            "/WEB-INF%2fweb.xml",
            "/images/../WEB-INF/originals/lighthouse.jpg"})
    void disguisedWebInfPathsAreRefused(String rawPath) throws Exception {
        HttpResponse<byte[]> response = get(base, rawPath);

        int status = response.statusCode();
        assertTrue(status == 400 || status == 404, rawPath + " -> " + status);
        assertFalse(text(response).contains("web-app"), rawPath);
    }

    // ------------------------------------------------------------------ the launcher

    @ParameterizedTest
    @ValueSource(strings = {"not-a-port", "-1", "65536", "80 80"})
    void badPortIsOneClearLineAndExitCodeTwo(String port) throws Exception {
        DemoProcess process = launch(Map.of("PORT", port, "IMAGE_SIGNING_KEY", SIGNING_KEY), newTmpDir("bad-port"));

        assertEquals(2, process.awaitExit(Duration.ofSeconds(60)), process::output);
        List<String> lines = process.lines();
        assertEquals(1, lines.size(), process::output);
        assertTrue(lines.get(0).contains("PORT") && lines.get(0).contains("\"" + port + "\""), lines.get(0));
        assertFalse(lines.get(0).contains("Exception"), lines.get(0));
    }

    @Test
    void missingOriginalsDirectoryIsOneClearLineAndExitCodeTwo() throws Exception {
        Path missing = tmp.resolve("no-such-directory").toAbsolutePath();
        DemoProcess process = launch(Map.of("PORT", "0", "IMAGE_ORIGINALS_DIR", missing.toString()),
                newTmpDir("bad-originals"));

        assertEquals(2, process.awaitExit(Duration.ofSeconds(60)), process::output);
        assertEquals(List.of("imgfilter demo: IMAGE_ORIGINALS_DIR is not a directory: \"" + missing + "\""),
                process.lines());
    }

    @Test
    void aFilterConfigurationErrorStopsTheDemoWithTheFiltersMessage() throws Exception {
        // the built webapp, unpacked, with one init-param spoilt
        Path exploded = Path.of("target/example-webapp");
        Path broken = tmp.resolve("broken-webapp");
        try (Stream<Path> files = Files.walk(exploded)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = broken.resolve(exploded.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        Path webXml = broken.resolve("WEB-INF/web.xml");
        String original = Files.readString(webXml);
        String spoilt = original.replace("<param-value>1000</param-value>", "<param-value>wide</param-value>");
        assertFalse(spoilt.equals(original), "web.xml sets max-width to 1000");
        Files.writeString(webXml, spoilt);

        DemoProcess process = launch(Map.of("PORT", "0", "IMAGE_SIGNING_KEY", SIGNING_KEY),
                newTmpDir("broken-config"), List.of("-D" + DemoLauncher.WAR_PROPERTY + "=" + broken.toAbsolutePath()));

        assertEquals(1, process.awaitExit(Duration.ofSeconds(60)), process::output);
        List<String> lines = process.lines();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("imgfilter demo: the webapp did not start: ") && last.contains("[max-width]")
                && last.contains("[wide]"), last);
        assertTrue(indexOf(lines, DemoProcess.RUNNING) < 0, process::output);
    }

    @Test
    void withoutASigningKeyTheDemoMakesOneAndWarns() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("PORT", "0");
        environment.put("IMAGE_SIGNING_KEY", null);
        DemoProcess process = launch(environment, newTmpDir("random-key"));

        process.baseUri();
        List<String> lines = process.lines();
        int warning = indexOf(lines, RANDOM_KEY_WARNING);
        assertTrue(warning >= 0, process::output);
        assertTrue(warning < indexOf(lines, DemoProcess.RUNNING), process::output);
        assertTrue(lines.get(warning).contains("restart"), lines.get(warning));
        process.close();
    }

    @Test
    void imageOriginalsDirReplacesTheBundledSamples() throws Exception {
        Path originals = Files.createDirectories(tmp.resolve("originals dir").resolve("north"));
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(image, "png", originals.resolve("ü x.png").toFile());
        Files.writeString(originals.resolve("notes.txt"), "not an image");
        ImageIO.write(image, "png", originals.resolve(".hidden.png").toFile());
        DemoProcess process = launch(Map.of("PORT", "0", "IMAGE_SIGNING_KEY", SIGNING_KEY,
                "IMAGE_ORIGINALS_DIR", originals.getParent().toAbsolutePath().toString()), newTmpDir("own-originals"));

        String html = text(get(process.baseUri(), "/"));

        assertEquals(1, count(html, "<li class=\"card\">"), html);
        assertTrue(html.contains("src=\"/images/thumb/north/%C3%BC%20x.png\""), html);
        assertFalse(html.contains("lighthouse"), html);
        BufferedImage thumb = image(get(process.baseUri(), "/images/thumb/north/%C3%BC%20x.png"), "image/png");
        assertEquals(150, thumb.getWidth());
        assertEquals(404, get(process.baseUri(), "/images/thumb/lighthouse.jpg").statusCode());
        process.close();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // Process.destroy() is a hard kill there
    void sigtermStopsCleanlyAndRemovesTheTemporaryFiles() throws Exception {
        Path jvmTmp = newTmpDir("sigterm");
        DemoProcess process = launch(Map.of("PORT", "0", "IMAGE_SIGNING_KEY", SIGNING_KEY), jvmTmp);
        URI root = process.baseUri();
        assertEquals(200, get(root, "/").statusCode()); // compiles index.jsp into the temp directory
        try (Stream<Path> entries = Files.list(jvmTmp)) {
            assertTrue(entries.anyMatch(entry -> entry.getFileName().toString().startsWith("jetty-")),
                    "Jetty unpacks the WAR under java.io.tmpdir");
        }

        process.terminate();

        process.awaitExit(Duration.ofSeconds(60));
        assertTrue(indexOf(process.lines(), Pattern.compile("imgfilter demo stopped")) >= 0, process::output);
        try (Stream<Path> entries = Files.list(jvmTmp)) {
            List<Path> left = entries.filter(entry -> entry.getFileName().toString().startsWith("jetty-")).toList();
            assertEquals(List.of(), left);
        }
    }

    static int indexOf(List<String> lines, Pattern pattern) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = pattern.matcher(lines.get(i));
            if (matcher.find()) {
                return i;
            }
        }
        return -1;
    }
}
