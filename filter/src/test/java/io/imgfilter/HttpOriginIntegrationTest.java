package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.JettyHarness;
import io.imgfilter.testing.LogCapture;
import io.imgfilter.testing.TestImages;
import io.imgfilter.testing.TestOrigin;
import io.imgfilter.testing.TraversalForms;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filter in front of a hidden HTTP origin that is a second real Jetty on loopback: it demands
 * credentials, can be slow, drop the connection, send a truncated, huge or non-image body, fail or
 * redirect. Every fault maps to its status, and no answer ever shows the origin's address, path,
 * headers or credentials.
 */
class HttpOriginIntegrationTest {

    static final String TOKEN = "origin-token-5b1d0c9e";
    static final String GATE = "gate-cookie-44e1";
    static final byte[] PHOTO = TestImages.jpeg(1200, 800);
    static final Instant PHOTO_MODIFIED = Instant.parse("2024-03-01T10:15:30Z");
    static final int MAX_BYTES = 1024 * 1024;

    static TestOrigin origin;
    /** An origin of its own, for the outage test to stop and start. */
    static TestOrigin flaky;
    static JettyHarness jetty;
    static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        origin = TestOrigin.start();
        // each test asks for its own originals: a just-fetched one is not asked for again within a second
        for (String path : List.of("/hidden/photo.jpg", "/hidden/first.jpg", "/hidden/revalidate.jpg", "/hidden/uncached.jpg",
                "/hidden/private.jpg", "/hidden/shared.jpg", "/hidden/conditional.jpg", "/hidden/2024/café terrace.jpg",
                "/hidden/a+b=c&d@f(1)!.jpg", "/open/photo.jpg", "/hidden/moved/photo.jpg")) {
            origin.on(path, guarded(path.startsWith("/open/") ? null : TOKEN, image(PHOTO, "\"v1\"", PHOTO_MODIFIED)));
        }
        origin.on("/hidden/gone.jpg", guarded(TOKEN, (request, response) -> response.sendError(410)));
        origin.on("/hidden/boom.jpg", guarded(TOKEN, (request, response) -> {
            response.setStatus(500);
            response.setContentType("text/plain");
            response.getWriter().print("java.lang.IllegalStateException at /srv/secret-origin/app.py line 12");
        }));
        origin.on("/hidden/unavailable.jpg", guarded(TOKEN, (request, response) -> {
            response.setHeader("Retry-After", "120");
            response.sendError(503);
        }));
        origin.on("/hidden/forbidden.jpg", (request, response) -> response.sendError(403, "no access for this token"));
        origin.on("/hidden/slow.jpg", guarded(TOKEN, (request, response) -> {
            Thread.sleep(4000);
            image(PHOTO, null, null).answer(request, response);
        }));
        origin.on("/hidden/slow-body.jpg", guarded(TOKEN, (request, response) -> {
            response.setContentType("image/jpeg");
            response.setContentLength(PHOTO.length);
            response.getOutputStream().write(PHOTO, 0, 1000);
            response.flushBuffer();
            Thread.sleep(4000);
            response.getOutputStream().write(PHOTO, 1000, PHOTO.length - 1000);
        }));
        for (int i = 1; i <= 3; i++) {
            origin.on("/hidden/pause/" + i + ".jpg", guarded(TOKEN, (request, response) -> {
                Thread.sleep(500);
                image(PHOTO, null, null).answer(request, response);
            }));
        }
        origin.on("/hidden/drop.jpg", guarded(TOKEN, (request, response) -> TestOrigin.dropConnection(request)));
        origin.on("/hidden/truncated.jpg", guarded(TOKEN, (request, response) -> {
            response.setContentType("image/jpeg");
            response.setContentLength(PHOTO.length);
            response.getOutputStream().write(PHOTO, 0, PHOTO.length / 2);
            response.flushBuffer();
            TestOrigin.dropConnection(request);
        }));
        origin.on("/hidden/huge.jpg", guarded(TOKEN, (request, response) -> {
            response.setContentType("image/jpeg");
            response.setContentLengthLong(50L * MAX_BYTES);
            OutputStream out = response.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 800; i++) {
                out.write(chunk);
            }
        }));
        origin.on("/hidden/endless.jpg", guarded(TOKEN, (request, response) -> {
            response.setContentType("image/jpeg");
            OutputStream out = response.getOutputStream();
            out.write(PHOTO);
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 800; i++) {
                out.write(chunk);
                out.flush();
            }
        }));
        origin.on("/hidden/login-page.jpg", guarded(TOKEN, (request, response) -> {
            response.setContentType("text/html;charset=utf-8");
            response.getWriter().print("<html><body>Please sign in at the secret origin</body></html>");
        }));
        origin.on("/hidden/empty.jpg", guarded(TOKEN, (request, response) -> response.setContentType("image/jpeg")));
        origin.on("/hidden/notes.jpg", guarded(TOKEN, (request, response) -> {
            response.setContentType("application/octet-stream");
            response.getOutputStream().write("plain text, not an image".getBytes(StandardCharsets.UTF_8));
        }));
        origin.on("/hidden/redirect-inside.jpg", guarded(TOKEN, (request, response) -> response.sendRedirect("/hidden/moved/photo.jpg")));
        origin.on("/hidden/redirect-outside.jpg", guarded(TOKEN, (request, response) -> response.sendRedirect("/elsewhere/photo.jpg")));
        origin.on("/hidden/redirect-other-host.jpg", guarded(TOKEN,
                (request, response) -> response.sendRedirect("http://localhost:" + origin.port() + "/hidden/photo.jpg")));
        origin.on("/hidden/redirect-loop.jpg", guarded(TOKEN, (request, response) -> response.sendRedirect("/hidden/redirect-loop.jpg")));
        origin.on("/elsewhere/photo.jpg", image(PHOTO, null, null));

        flaky = TestOrigin.start();
        flaky.on("/photo.jpg", image(PHOTO, "\"f1\"", PHOTO_MODIFIED));

        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        System.setProperty("imgfilter.test.origin-token", TOKEN);
        String presets = "thumb: width=150,height=150,fit=cover,public; small: width=300,public; medium: width=600,public";
        String headers = "Authorization: Bearer ${sys:imgfilter.test.origin-token}\nCookie: gate=" + GATE + "\nX-Empty: ${env:IMGFILTER_TEST_SURELY_UNSET|}";
        jetty = JettyHarness.start("", true, context -> {
            JettyHarness.addFilter(context, "images", "/images/*", filter(origin.url() + "/hidden", headers, Map.of()));
            JettyHarness.addFilter(context, "open", "/open/*", filter(origin.url() + "/open/", null, Map.of()));
            JettyHarness.addFilter(context, "shared", "/shared/*", filter(origin.url() + "/hidden", headers,
                    Map.of("origin-auth", "share-publicly")));
            JettyHarness.addFilter(context, "anonymous", "/anonymous/*", filter(origin.url() + "/hidden", null, Map.of()));
            JettyHarness.addFilter(context, "wrong", "/wrong/*", filter(origin.url() + "/hidden",
                    "Authorization: Bearer not-the-token\nCookie: gate=" + GATE, Map.of()));
            JettyHarness.addFilter(context, "refused", "/refused/*", filter("http://127.0.0.1:" + closedPort + "/hidden", headers, Map.of()));
            JettyHarness.addFilter(context, "narrow", "/narrow/*", filter(origin.url() + "/hidden", headers,
                    Map.of("origin-max-connections", "1", "origin-timeout", "5s")));
            JettyHarness.addFilter(context, "nocache", "/nocache/*", filter(origin.url() + "/hidden", headers,
                    Map.of("origin-cache-size", "0")));
            JettyHarness.addFilter(context, "flaky", "/flaky/*", filter(flaky.url(), null, Map.of()));
        });
    }

    private static Map<String, String> filter(String source, String headers, Map<String, String> extra) {
        Map<String, String> params = new HashMap<>();
        params.put("source", source);
        params.put("presets", "thumb: width=150,height=150,fit=cover,public; small: width=300,public; medium: width=600,public");
        params.put("max-source-bytes", "1MB");
        params.put("origin-timeout", "1s");
        params.put("origin-connect-timeout", "1s");
        if (headers != null) {
            params.put("origin-headers", headers);
        }
        params.putAll(extra);
        return params;
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
        origin.close();
        flaky.close();
        System.clearProperty("imgfilter.test.origin-token");
    }

    @BeforeEach
    void forget() {
        origin.clear();
    }

    /** Answers only requests that carry the bearer token and the gate cookie (when token is not null). */
    static TestOrigin.Behaviour guarded(String token, TestOrigin.Behaviour inner) {
        return (request, response) -> {
            if (token != null && (!("Bearer " + token).equals(request.getHeader("Authorization"))
                    || !("gate=" + GATE).equals(request.getHeader("Cookie")))) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"secret-origin\"");
                response.sendError(401, "credentials required by the secret origin");
                return;
            }
            inner.answer(request, response);
        };
    }

    /** An image with validators, answering conditional requests with 304. */
    static TestOrigin.Behaviour image(byte[] bytes, String etag, Instant modified) {
        return (HttpServletRequest request, HttpServletResponse response) -> {
            if (etag != null) {
                response.setHeader("ETag", etag);
            }
            if (modified != null) {
                response.setDateHeader("Last-Modified", modified.toEpochMilli());
            }
            if (etag != null && etag.equals(request.getHeader("If-None-Match"))) {
                response.setStatus(304);
                return;
            }
            response.setContentType("image/jpeg");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        };
    }

    @Test
    void servesResizedImagesFromTheAuthenticatedOrigin() throws Exception {
        HttpResponse<byte[]> response = jetty.get("/images/small/first.jpg");
        assertEquals(200, response.statusCode());
        assertEquals("image/jpeg", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(300, TestImages.decode(response.body()).getWidth());
        assertEquals(PHOTO_MODIFIED, ZonedDateTime.parse(response.headers().firstValue("Last-Modified").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        assertNothingLeaks(response);

        TestOrigin.Received received = origin.received("/hidden/first.jpg").get(0);
        assertEquals("Bearer " + TOKEN, received.headers().get("Authorization"));
        assertEquals("gate=" + GATE, received.headers().get("Cookie"));
        assertFalse(received.headers().containsKey("X-Empty"), "a header with an empty value is not sent");
    }

    @Test
    void pathsAreEncodedPerSegmentAndStayBelowTheBase() throws Exception {
        assertEquals(200, jetty.get("/images/small/2024/caf%C3%A9%20terrace.jpg").statusCode());
        TestOrigin.Received received = origin.received("/hidden/2024/café terrace.jpg").get(0);
        assertEquals("/hidden/2024/caf%C3%A9%20terrace.jpg", received.rawPath());
    }

    @Test
    void subDelimitersAreEncodedToo() throws Exception {
        // '+', '=', '&', '@' arrive raw in the filter's URL and leave for the origin encoded
        HttpResponse<byte[]> response = jetty.get("/images/small/a+b=c&d@f(1)!.jpg");
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("/hidden/a%2Bb%3Dc%26d%40f%281%29%21.jpg", origin.received("/hidden/a+b=c&d@f(1)!.jpg").get(0).rawPath());
    }

    @Test
    void resultsOfAnAuthenticatedOriginArePrivateUnlessSharedPublicly() throws Exception {
        String privateCache = jetty.get("/images/thumb/private.jpg").headers().firstValue("Cache-Control").orElseThrow();
        assertTrue(privateCache.startsWith("private, max-age="), privateCache);
        String shared = jetty.get("/shared/thumb/shared.jpg").headers().firstValue("Cache-Control").orElseThrow();
        assertTrue(shared.startsWith("public, max-age="), shared);
        String open = jetty.get("/open/thumb/photo.jpg").headers().firstValue("Cache-Control").orElseThrow();
        assertTrue(open.startsWith("public, max-age="), open);
    }

    /**
     * Each request asks for the original (its version, then its bytes when the variant is not in
     * the result cache); past a second, asking again is a conditional request answered 304.
     */
    @Test
    void unchangedOriginalsAreRevalidatedNotDownloadedAgain() throws Exception {
        assertEquals(200, jetty.get("/images/small/revalidate.jpg").statusCode());
        Thread.sleep(1100);
        assertEquals(200, jetty.get("/images/medium/revalidate.jpg").statusCode());
        Thread.sleep(1100);
        HttpResponse<byte[]> again = jetty.get("/images/thumb/revalidate.jpg");
        assertEquals(200, again.statusCode());
        assertEquals(150, TestImages.decode(again.body()).getWidth());
        List<TestOrigin.Received> requests = origin.received("/hidden/revalidate.jpg");
        assertEquals(3, requests.size(), "one request to the origin per image request, the version and the bytes together");
        assertEquals("\"v1\"", requests.get(1).headers().get("If-None-Match"), "the second fetch is conditional");
        assertEquals("\"v1\"", requests.get(2).headers().get("If-None-Match"));
        assertTrue(requests.get(1).headers().containsKey("If-Modified-Since"));

        // without room for the bytes, the validators are still kept: the version check is a 304,
        // and only a render that needs the bytes downloads them again
        jetty.get("/nocache/small/uncached.jpg");
        Thread.sleep(1100);
        assertEquals(200, jetty.get("/nocache/medium/uncached.jpg").statusCode());
        List<TestOrigin.Received> uncached = origin.received("/hidden/uncached.jpg");
        assertEquals(3, uncached.size(), "the first download, a revalidation, the bytes for the new variant");
        assertEquals("\"v1\"", uncached.get(1).headers().get("If-None-Match"), "the version check is conditional");
        assertFalse(uncached.get(2).headers().containsKey("If-None-Match"), "the bytes are not kept: a full download");
        Thread.sleep(1100);
        assertEquals(200, jetty.get("/nocache/medium/uncached.jpg").statusCode());
        assertEquals(4, origin.received("/hidden/uncached.jpg").size(), "a cached variant costs one 304");
    }

    /**
     * With the origin answering 503, then refusing connections, a variant rendered before is
     * served from the result cache (same bytes and ETag, a short max-age); one never rendered gets
     * 502; a 404 ends it.
     */
    @Test
    void variantsRenderedBeforeAreServedWhileTheOriginFails() throws Exception {
        HttpResponse<byte[]> before = jetty.get("/flaky/small/photo.jpg");
        assertEquals(200, before.statusCode());
        String etag = before.headers().firstValue("ETag").orElseThrow();
        assertEquals("public, max-age=86400", before.headers().firstValue("Cache-Control").orElseThrow());
        try {
            flaky.on("/photo.jpg", (request, response) -> response.sendError(503));
            // the origin is asked again once its last confirmation is a second old
            HttpResponse<byte[]> stale = awaitAnswer("/flaky/small/photo.jpg",
                    r -> flaky.received("/photo.jpg").size() > 1, Duration.ofSeconds(5));
            assertEquals(200, stale.statusCode());
            assertEquals(etag, stale.headers().firstValue("ETag").orElseThrow());
            assertTrue(java.util.Arrays.equals(before.body(), stale.body()), "the very variant rendered before");
            assertEquals("public, max-age=60", stale.headers().firstValue("Cache-Control").orElseThrow(),
                    "caches in front keep it briefly");
            assertFault(jetty.get("/flaky/medium/photo.jpg"), 502); // never rendered: nothing to fall back on

            flaky.pause();
            HttpResponse<byte[]> refused = jetty.get("/flaky/small/photo.jpg");
            assertEquals(200, refused.statusCode(), "connection refused");
            assertEquals(etag, refused.headers().firstValue("ETag").orElseThrow());
            assertEquals(304, jetty.get("/flaky/small/photo.jpg", "If-None-Match", etag).statusCode());
        } finally {
            if (flaky.port() <= 0) {
                flaky.resume();
            }
        }
        flaky.on("/photo.jpg", (request, response) -> response.sendError(404));
        HttpResponse<byte[]> gone = awaitAnswer("/flaky/small/photo.jpg", r -> r.statusCode() != 200, Duration.ofSeconds(5));
        assertEquals(404, gone.statusCode(), "a deleted original is not served stale");
        flaky.on("/photo.jpg", image(PHOTO, "\"f1\"", PHOTO_MODIFIED));
    }

    /**
     * Asks until the answer satisfies the condition or the deadline passes; the filter asks the
     * origin again only once its last confirmation is a second old.
     */
    private static HttpResponse<byte[]> awaitAnswer(String path, java.util.function.Predicate<HttpResponse<byte[]>> done,
            Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            HttpResponse<byte[]> response = jetty.get(path);
            if (done.test(response) || System.nanoTime() > end) {
                return response;
            }
            Thread.sleep(100); // between polls of an observable condition
        }
    }

    @Test
    void clientRevalidationStillWorks() throws Exception {
        HttpResponse<byte[]> first = jetty.get("/images/small/conditional.jpg");
        HttpResponse<byte[]> second = jetty.get("/images/small/conditional.jpg", "If-None-Match", first.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, second.statusCode());
        assertNothingLeaks(second);
    }

    @Test
    void redirectsAreFollowedOnlyWithinTheBase() throws Exception {
        assertEquals(200, jetty.get("/images/small/redirect-inside.jpg").statusCode());
        assertEquals(1, origin.received("/hidden/moved/photo.jpg").size());
        assertFault(jetty.get("/images/small/redirect-outside.jpg"), 502);
        assertFault(jetty.get("/images/small/redirect-other-host.jpg"), 502);
        assertTrue(origin.received("/elsewhere/photo.jpg").isEmpty(), "never asked outside the base");
        assertFault(jetty.get("/images/small/redirect-loop.jpg"), 502);
        assertTrue(origin.received("/hidden/redirect-loop.jpg").size() <= 4, "a redirect loop is cut short");
    }

    @Test
    void missingOriginalsAre404() throws Exception {
        assertFault(jetty.get("/images/small/missing.jpg"), 404);
        assertFault(jetty.get("/images/small/gone.jpg"), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"boom.jpg", "unavailable.jpg", "forbidden.jpg", "drop.jpg", "truncated.jpg",
        "login-page.jpg", "empty.jpg"})
    void originFailuresAre502(String name) throws Exception {
        assertFault(jetty.get("/images/small/" + name), 502);
    }

    @Test
    void missingOrWrongCredentialsAre502() throws Exception {
        assertFault(jetty.get("/anonymous/small/photo.jpg"), 502);
        assertFault(jetty.get("/wrong/small/photo.jpg"), 502);
        assertEquals(2, origin.received().size());
    }

    @Test
    void connectionRefusedIs502() throws Exception {
        assertFault(jetty.get("/refused/small/photo.jpg"), 502);
    }

    @ParameterizedTest
    @ValueSource(strings = {"slow.jpg", "slow-body.jpg"})
    void aSlowOriginIs504WithinTheConfiguredTime(String name) throws Exception {
        long started = System.nanoTime();
        HttpResponse<byte[]> response = jetty.get("/images/small/" + name);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertFault(response, 504);
        assertEquals("origin timed out", body(response).strip());
        assertTrue(took.compareTo(Duration.ofMillis(2500)) < 0, "origin-timeout is 1s, the answer took " + took);
        assertTrue(took.compareTo(Duration.ofMillis(900)) > 0, "answered before the timeout: " + took);
    }

    @ParameterizedTest
    @ValueSource(strings = {"huge.jpg", "endless.jpg"})
    void originalsOverTheByteLimitAre413(String name) throws Exception {
        long started = System.nanoTime();
        HttpResponse<byte[]> response = jetty.get("/images/small/" + name);
        assertFault(response, 413);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1000, "refused without reading it all");
    }

    @Test
    void aBodyThatIsNotAnImageIs415LikeAnyOtherSource() throws Exception {
        assertFault(jetty.get("/images/small/notes.jpg"), 415);
    }

    @Test
    void connectionsToTheOriginAreBounded() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                String path = "/narrow/small/pause/" + i + ".jpg";
                calls.add(() -> jetty.get(path).statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, origin.received().size());
        assertEquals(1, origin.maxInFlight("/hidden/pause/"), "origin-max-connections is 1: the requests waited for each other");
    }

    @Test
    void traversalFormsNeverReachTheOrigin() throws Exception {
        for (String form : TraversalForms.all()) {
            HttpTester.Response response = jetty.rawGet("/images/small/" + form);
            assertTrue(response.getStatus() == 400 || response.getStatus() == 404, form + " gave " + response.getStatus());
            assertFalse(response.getContent().contains(String.valueOf(origin.port())), form);
        }
        assertEquals(List.of(), origin.received().stream().map(TestOrigin.Received::rawPath).toList(),
                "the origin was asked for a traversal form");
    }

    @Test
    void logsNeverHoldCredentialsAndNameTheOriginOnlyAtDebugLevel() throws Exception {
        List<java.util.logging.LogRecord> records;
        try (LogCapture capture = LogCapture.of("io.imgfilter", java.util.logging.Level.ALL)) {
            for (String name : List.of("photo.jpg", "boom.jpg", "forbidden.jpg", "drop.jpg", "login-page.jpg",
                    "redirect-outside.jpg", "slow.jpg", "huge.jpg")) {
                jetty.get("/images/small/" + name);
            }
            jetty.get("/wrong/small/photo.jpg");
            jetty.get("/refused/small/photo.jpg");
            records = capture.records();
        }
        assertTrue(records.stream().anyMatch(r -> r.getLevel().intValue() < java.util.logging.Level.INFO.intValue()
                && text(r).contains(origin.url())), "debug lines name the origin");
        assertTrue(records.stream().anyMatch(r -> r.getLevel() == java.util.logging.Level.WARNING), "faults are logged");
        for (java.util.logging.LogRecord record : records) {
            String text = text(record);
            for (String credential : List.of(TOKEN, GATE, "not-the-token")) {
                assertFalse(text.contains(credential), "a log line holds a credential: " + text);
            }
            if (record.getLevel().intValue() >= java.util.logging.Level.INFO.intValue()) {
                for (String where : List.of(String.valueOf(origin.port()), String.valueOf(closedPort), "/hidden")) {
                    assertFalse(text.contains(where), "a " + record.getLevel() + " line names the origin: " + text);
                }
            }
        }
    }

    /** The formatted message of a log record and every message of its causes. */
    private static String text(java.util.logging.LogRecord record) {
        StringBuilder text = new StringBuilder(new java.util.logging.SimpleFormatter().formatMessage(record));
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            text.append('\n').append(t);
        }
        return text.toString();
    }

    private static void assertFault(HttpResponse<byte[]> response, int status) {
        assertEquals(status, response.statusCode(), body(response));
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        assertNothingLeaks(response);
    }

    /** Nothing of the origin in the answer: no address, path, credential or header of its own. */
    static void assertNothingLeaks(HttpResponse<byte[]> response) {
        String text = body(response).toLowerCase(Locale.ROOT);
        List<String> secrets = List.of(String.valueOf(origin.port()), String.valueOf(closedPort), "127.0.0.1", "hidden",
                "elsewhere", "secret", "origin-trace", TOKEN, GATE, "bearer", "exception");
        for (String secret : secrets) {
            assertFalse(text.contains(secret.toLowerCase(Locale.ROOT)), "the body shows " + secret + ": " + text);
        }
        for (String header : List.of("Location", "Set-Cookie", "X-Origin-Trace", "WWW-Authenticate", "Retry-After", "Content-Location")) {
            assertTrue(response.headers().firstValue(header).isEmpty(), "the origin's " + header + " header was passed on");
        }
        response.headers().map().forEach((name, values) -> {
            for (String value : values) {
                String lower = value.toLowerCase(Locale.ROOT);
                assertFalse(value.equals(TestOrigin.SERVER_HEADER), name + " copies the origin's Server header");
                for (String secret : secrets) {
                    assertFalse(lower.contains(secret.toLowerCase(Locale.ROOT)), name + ": " + value + " shows " + secret);
                }
            }
        });
    }

    static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
