package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.UrlSigner;
import io.imgfilter.testing.JettyHarness;
import io.imgfilter.testing.TestImages;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's nginx configuration, as written there, in front of two filter nodes: Debian's
 * nginx caches public variants (a HIT the second time), never a signed one, and keeps one copy
 * per Accept value for {@code format=auto}, so each browser still gets its format.
 */
class NginxCacheTest {

    static final Path NGINX = Path.of("/usr/sbin/nginx");
    static final String KEY = "nginx-test-key-7b2e9c41d0a35f68";

    @TempDir
    static Path work;

    static JettyHarness nodeA;
    static JettyHarness nodeB;
    static Process nginx;
    static int port;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(NGINX)) {
            String why = "nginx not installed (" + NGINX + "); .ci/run installs Debian's package";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        Path originals = Files.createDirectories(work.resolve("originals"));
        Files.write(originals.resolve("photo.jpg"), TestImages.jpeg(800, 600));
        Map<String, String> params = Map.of("source", originals.toString(), "signing-keys", KEY,
                "presets", "thumb: width=150,public; small: width=300; auto: width=200,format=auto,public");
        nodeA = JettyHarness.start("", false, c -> JettyHarness.addFilter(c, "images", "/images/*", params));
        nodeB = JettyHarness.start("", false, c -> JettyHarness.addFilter(c, "images", "/images/*", params));
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path conf = work.resolve("nginx.conf");
        Files.writeString(conf, configuration(readmeBlock()));
        Files.createDirectories(work.resolve("logs"));
        nginx = new ProcessBuilder(NGINX.toString(), "-p", work.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("nginx.out").toFile()).start();
        awaitListening();
    }

    /** The ```nginx block of README.md that starts with the imgfilter comment. */
    static String readmeBlock() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```nginx\n(# imgfilter behind nginx.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README.md has the nginx configuration");
        return block.group(1);
    }

    /** The README's block with this test's ports and directories, inside what nginx needs to run unprivileged. */
    static String configuration(String block) {
        String server = block.replace("/var/lib/nginx/imgfilter", work.resolve("cache").toString())
                .replace("127.0.0.1:8081", "127.0.0.1:" + nodeA.port())
                .replace("127.0.0.1:8082", "127.0.0.1:" + nodeB.port())
                .replace("listen 8080;", "listen 127.0.0.1:" + port + ";");
        String tmp = work.toString();
        return "daemon off;\nmaster_process off;\npid " + tmp + "/nginx.pid;\nerror_log " + tmp + "/error.log warn;\n"
                + "events { worker_connections 64; }\n"
                + "http {\n  access_log off;\n"
                + "  client_body_temp_path " + tmp + "/body;\n  proxy_temp_path " + tmp + "/proxy;\n"
                + "  fastcgi_temp_path " + tmp + "/fastcgi;\n  uwsgi_temp_path " + tmp + "/uwsgi;\n"
                + "  scgi_temp_path " + tmp + "/scgi;\n"
                + server + "}\n";
    }

    static void awaitListening() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!nginx.isAlive() || System.nanoTime() > end) {
                    fail("nginx did not start: " + Files.readString(work.resolve("nginx.out"))
                            + (Files.exists(work.resolve("error.log")) ? Files.readString(work.resolve("error.log")) : ""));
                }
                TimeUnit.MILLISECONDS.sleep(50); // polling until nginx listens
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
    }

    static HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String cacheStatus(HttpResponse<byte[]> response) {
        return response.headers().firstValue("X-Cache-Status").orElse("(none)");
    }

    @Test
    void aPublicVariantIsCachedOnce() throws Exception {
        HttpResponse<byte[]> first = get("/images/thumb/photo.jpg");
        assertEquals(200, first.statusCode());
        assertEquals("MISS", cacheStatus(first));
        HttpResponse<byte[]> second = get("/images/thumb/photo.jpg");
        assertEquals("HIT", cacheStatus(second));
        assertArrayEquals(first.body(), second.body());
        assertEquals(first.headers().firstValue("ETag"), second.headers().firstValue("ETag"));
    }

    @Test
    void aSignedVariantIsNeverStoredByTheSharedCache() throws Exception {
        String signed = new UrlSigner(KeyRing.parse(KEY)).sign("/images/small/photo.jpg", Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> response = get(signed);
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Cache-Control").orElseThrow().startsWith("private"));
            assertNotEquals("HIT", cacheStatus(response), "request " + (i + 1));
        }
    }

    @Test
    void formatAutoGivesEachBrowserItsFormatThroughTheCache() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.imgfilter.render.ImageRenderer.canWriteWebp(), "WebP can be written here");
        String webp = "image/avif,image/webp,*/*";
        String jpeg = "image/png,image/*;q=0.8";
        assertEquals("image/webp", get("/images/auto/photo.jpg", "Accept", webp).headers().firstValue("Content-Type").orElseThrow());
        assertEquals("image/jpeg", get("/images/auto/photo.jpg", "Accept", jpeg).headers().firstValue("Content-Type").orElseThrow(),
                "not the WebP copy cached for the first browser");
        HttpResponse<byte[]> webpAgain = get("/images/auto/photo.jpg", "Accept", webp);
        HttpResponse<byte[]> jpegAgain = get("/images/auto/photo.jpg", "Accept", jpeg);
        assertEquals("HIT", cacheStatus(webpAgain));
        assertEquals("image/webp", webpAgain.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("HIT", cacheStatus(jpegAgain));
        assertEquals("image/jpeg", jpegAgain.headers().firstValue("Content-Type").orElseThrow());
    }
}
