package io.imgfilter.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo with IMAGE_ORIGIN_URL and IMAGE_ORIGIN_AUTHORIZATION: the bundled samples served by an
 * origin on loopback that refuses requests without the bearer token. The browser sees images and
 * the gallery, and nothing of the origin: no address, path, token or header of its own.
 */
class HiddenOriginIT {

    static final String TOKEN = "Bearer demo-origin-token-9c2f";
    static final Path SAMPLES = Path.of("src/main/webapp/WEB-INF/originals");

    @TempDir
    static Path tmp;

    static HttpServer origin;
    static final List<String> originRequests = new CopyOnWriteArrayList<>();
    static DemoProcess demo;
    static URI base;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws IOException {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/vault/", exchange -> {
            originRequests.add(exchange.getRequestURI().getRawPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().add("Server", "vault-origin");
            exchange.getResponseHeaders().add("X-Vault-Node", "vault-7");
            if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"vault\"");
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            Path file = SAMPLES.resolve(exchange.getRequestURI().getPath().substring("/vault/".length())).normalize();
            if (!file.startsWith(SAMPLES) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            exchange.getResponseHeaders().add("Content-Type", file.toString().endsWith(".png") ? "image/png" : "image/jpeg");
            exchange.getResponseHeaders().add("ETag", "\"" + bytes.length + "\"");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        origin.start();
        demo = DemoProcess.startAndAwaitRunning(Map.of(
                "PORT", "0",
                "IMAGE_SIGNING_KEY", "hidden-origin-it-key-0123456789abcdef",
                "IMAGE_ORIGIN_URL", originUrl(),
                "IMAGE_ORIGIN_AUTHORIZATION", TOKEN,
                "IMAGE_ORIGIN_INDEX", "lighthouse.jpg, 2024/café terrace.jpg,badge.png"), tmp);
        base = demo.baseUri();
    }

    static String originUrl() {
        return "http://127.0.0.1:" + origin.getAddress().getPort() + "/vault";
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
        if (origin != null) {
            origin.stop(0);
        }
    }

    static HttpResponse<byte[]> get(String rawPath) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(rawPath)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void thumbnailsComeFromTheAuthenticatingOrigin() throws Exception {
        HttpResponse<byte[]> response = get("/images/thumb/2024/caf%C3%A9%20terrace.jpg");
        assertEquals(200, response.statusCode());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertEquals(150, image.getWidth());
        assertTrue(response.headers().firstValue("Cache-Control").orElseThrow().startsWith("private, "),
                "images from an origin that needs credentials are not for shared caches");
        assertTrue(originRequests.contains("/vault/2024/caf%C3%A9%20terrace.jpg " + TOKEN), originRequests.toString());
        assertNothingOfTheOrigin(response.headers().map(), new String(response.body(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void theGalleryListsTheIndexAndItsLinksWork() throws Exception {
        HttpResponse<byte[]> page = get("/");
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertEquals(200, page.statusCode());
        assertTrue(html.contains("images/thumb/lighthouse.jpg\""), html);
        assertTrue(html.contains("images/thumb/2024/caf%C3%A9%20terrace.jpg\""), html);
        assertTrue(html.contains("(3 originals)"), html);
        assertNothingOfTheOrigin(page.headers().map(), html);
        int signed = html.indexOf("images/small/badge.png?");
        assertTrue(signed > 0, html);
        String link = html.substring(signed, html.indexOf('"', signed)).replace("&amp;", "&");
        HttpResponse<byte[]> small = get("/" + link);
        assertEquals(200, small.statusCode(), link);
        assertNothingOfTheOrigin(small.headers().map(), "");
    }

    @Test
    void faultsShowNothingOfTheOrigin() throws Exception {
        HttpResponse<byte[]> missing = get("/images/thumb/nope.jpg");
        assertEquals(404, missing.statusCode());
        assertNothingOfTheOrigin(missing.headers().map(), new String(missing.body(), StandardCharsets.UTF_8));
    }

    @Test
    void theLogNamesNeitherTheTokenNorTheOrigin() {
        String output = demo.output();
        assertTrue(output.contains("serving originals from the hidden HTTP origin in IMAGE_ORIGIN_URL"), output);
        assertFalse(output.contains("demo-origin-token"), output);
        assertFalse(output.contains(originUrl()), output);
    }

    static void assertNothingOfTheOrigin(Map<String, List<String>> headers, String body) {
        String port = String.valueOf(origin.getAddress().getPort());
        List<String> secrets = List.of(port, "vault", "demo-origin-token", "127.0.0.1:" + port, "bearer");
        String lowerBody = body.toLowerCase(Locale.ROOT);
        for (String secret : secrets) {
            assertFalse(lowerBody.contains(secret), "the body shows " + secret);
        }
        headers.forEach((name, values) -> {
            assertFalse(name.equalsIgnoreCase("Location") || name.equalsIgnoreCase("WWW-Authenticate")
                    || name.equalsIgnoreCase("X-Vault-Node"), "header " + name + " passed on");
            for (String value : values) {
                for (String secret : secrets) {
                    assertFalse(value.toLowerCase(Locale.ROOT).contains(secret), name + ": " + value);
                }
            }
        });
    }
}
