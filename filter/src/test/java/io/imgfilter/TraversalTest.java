package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.JettyHarness;
import io.imgfilter.testing.TestImages;
import io.imgfilter.testing.TraversalForms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every traversal form, sent raw through a real Jetty, twice: once with Jetty's own URI checks,
 * and once with them relaxed so that only the filter stands between the URL and the disk, as in
 * a more lenient container.
 */
class TraversalTest {

    @TempDir
    static Path root;

    /** NUL and broken escapes never get past Jetty's request parser; SourcePathParserTest covers them. */
    private static final Set<String> UNPARSEABLE_BY_JETTY = Set.of("..%00/secret.jpg", "photo.jpg%00.png", "%", "%zz.jpg");

    static JettyHarness strictJetty;
    static JettyHarness lenientJetty;

    @BeforeAll
    static void start() throws Exception {
        Path originals = Files.createDirectories(root.resolve("originals"));
        Files.createDirectories(originals.resolve("2024"));
        Files.write(originals.resolve("photo.jpg"), TestImages.jpeg(400, 300));
        Files.write(originals.resolve("2024/cat.jpg"), TestImages.jpeg(400, 300));
        Files.write(originals.resolve(".hidden.jpg"), TestImages.jpeg(400, 300));
        Files.write(root.resolve("secret.jpg"), TestImages.jpeg(400, 300));
        Map<String, String> params = Map.of("source", originals.toString(), "presets", "small: width=100");
        strictJetty = JettyHarness.start("", false, c -> JettyHarness.addFilter(c, "images", "/images/*", params));
        lenientJetty = JettyHarness.start("", true, c -> JettyHarness.addFilter(c, "images", "/images/*", params));
    }

    @AfterAll
    static void stop() throws Exception {
        strictJetty.close();
        lenientJetty.close();
    }

    static Stream<String> forms() {
        return TraversalForms.all().stream();
    }

    @Test
    void theControlRequestsWork() throws Exception {
        assertTrue(strictJetty.rawGet("/images/small/photo.jpg").getStatus() == 200);
        assertTrue(lenientJetty.rawGet("/images/small/2024/cat.jpg").getStatus() == 200);
    }

    @ParameterizedTest
    @MethodSource("forms")
    void refusedByTheFilterAlone(String form) throws Exception {
        HttpTester.Response response = lenientJetty.rawGet("/images/small/" + form);
        assertRefused(response, form);
        if (UNPARSEABLE_BY_JETTY.contains(form)) {
            return; // Jetty's HTTP parser refuses these whatever the compliance mode
        }
        String body = response.getContent().strip();
        assertTrue(body.equals("malformed image path") || body.equals("not found"),
                form + " was refused by something other than the filter: " + body);
    }

    @ParameterizedTest
    @MethodSource("forms")
    void refusedInDefaultJetty(String form) throws Exception {
        assertRefused(strictJetty.rawGet("/images/small/" + form), form);
    }

    private static void assertRefused(HttpTester.Response response, String form) {
        int status = response.getStatus();
        assertTrue(status == 400 || status == 404, form + " gave " + status);
        String type = response.get("Content-Type");
        assertFalse(type != null && type.startsWith("image/"), form + " served an image");
        assertFalse(response.getContent().contains(root.toString()), form + " leaked a path");
    }
}
