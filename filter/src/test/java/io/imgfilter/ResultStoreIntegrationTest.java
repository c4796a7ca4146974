package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.http.CacheTags;
import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.SigningKey;
import io.imgfilter.signing.SigningScheme;
import io.imgfilter.signing.UrlSigner;
import io.imgfilter.source.origin.SigV4Signer;
import io.imgfilter.testing.JettyHarness;
import io.imgfilter.testing.S3ProxyServer;
import io.imgfilter.testing.TestImages;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes (two Jetty servers, each with its own filter, memory and no disk cache) sharing one
 * result store: a bucket on S3Proxy, which verifies every SigV4 signature. What one node renders,
 * the other serves from the store, byte for byte; the last test stops the store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResultStoreIntegrationTest {

    static final String BUCKET = "results";
    static final String PREFIX = "variants";
    static final String SIGNING_KEY = "result-store-test-signing-key-0123456789";
    static final Pattern OBJECT_KEY = Pattern.compile("variants/imgfilter-[A-Za-z0-9_-]{16}/[A-Za-z0-9_-]{22}");

    @TempDir
    static Path work;

    static Path originals;
    static S3ProxyServer s3;
    static JettyHarness a;
    static JettyHarness b;
    static final SigV4Signer STORE_SIGNER = new SigV4Signer(S3ProxyServer.ACCESS_KEY_ID, S3ProxyServer.SECRET_KEY, null,
            S3ProxyServer.REGION, "s3", Clock.systemUTC());

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(work);
        s3.createBucket(BUCKET);
        originals = Files.createDirectories(work.resolve("originals"));
        Files.write(originals.resolve("photo.jpg"), TestImages.jpeg(640, 480));
        Files.createDirectories(originals.resolve("2024"));
        Files.write(originals.resolve("2024/café terrace.jpg"), TestImages.jpeg(800, 600));
        System.setProperty("imgfilter.test.store.key-id", S3ProxyServer.ACCESS_KEY_ID);
        System.setProperty("imgfilter.test.store.secret", S3ProxyServer.SECRET_KEY);
        a = node();
        b = node();
    }

    static JettyHarness node() throws Exception {
        return JettyHarness.start("", false, context -> {
            Map<String, String> open = params();
            open.put("flexible-options", "true");
            JettyHarness.addFilter(context, "open", "/images/*", open);
            Map<String, String> signed = params();
            signed.put("signing-keys", "k1:" + SIGNING_KEY);
            JettyHarness.addFilter(context, "signed", "/signed/*", signed);
        });
    }

    private static Map<String, String> params() {
        Map<String, String> params = new HashMap<>();
        params.put("source", originals.toString());
        params.put("presets", "small: width=300");
        params.put("server-timing", "true");
        params.put("result-store", "s3://" + BUCKET + "/" + PREFIX);
        params.put("result-store-endpoint", s3.endpoint());
        params.put("result-store-access-key-id", "${sys:imgfilter.test.store.key-id}");
        params.put("result-store-secret-access-key", "${sys:imgfilter.test.store.secret}");
        return params;
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, s3}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        System.clearProperty("imgfilter.test.store.key-id");
        System.clearProperty("imgfilter.test.store.secret");
    }

    @Test
    @Order(1)
    void aVariantRenderedByOneNodeIsServedByTheOtherFromTheStore() throws Exception {
        HttpResponse<byte[]> rendered = ok(a.get("/images/width=210/photo.jpg"));
        assertTiming("render", rendered);
        String etag = rendered.headers().firstValue("ETag").orElseThrow();
        String key = awaitObject("photo.jpg", etag);

        HttpResponse<byte[]> shared = ok(b.get("/images/width=210/photo.jpg"));
        assertTiming("store", shared);
        assertArrayEquals(rendered.body(), shared.body());
        assertEquals(etag, shared.headers().firstValue("ETag").orElseThrow());
        assertEquals("image/jpeg", shared.headers().firstValue("Content-Type").orElseThrow());
        assertTiming("memory", ok(b.get("/images/width=210/photo.jpg")));

        // the object itself: the variant's type and ETag, which a GET checks
        HttpResponse<String> object = s3Get("/" + BUCKET + "/" + key);
        assertEquals(200, object.statusCode());
        assertEquals("image/jpeg", object.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(etag.substring(1, etag.length() - 1),
                object.headers().firstValue("x-amz-meta-imgfilter-etag").orElseThrow());
    }

    @Test
    @Order(2)
    void everyVariantOfAnOriginalSharesAPrefixAndNoKeyHoldsAToken() throws Exception {
        UrlSigner signer = new UrlSigner(KeyRing.of(SigningKey.of("k1", SIGNING_KEY)), SigningScheme.PATH_AND_QUERY,
                Clock.systemUTC());
        String url = signer.sign("/signed/small/2024/caf%C3%A9%20terrace.jpg", Duration.ofHours(1));
        assertTrue(url.contains("sig="), url);
        HttpResponse<byte[]> signed = ok(a.get(url));
        String signedKey = awaitObject("2024/café terrace.jpg", signed.headers().firstValue("ETag").orElseThrow());
        HttpResponse<byte[]> open = ok(a.get("/images/width=120/2024/caf%C3%A9%20terrace.jpg"));
        String openKey = awaitObject("2024/café terrace.jpg", open.headers().firstValue("ETag").orElseThrow());
        assertEquals(signedKey.substring(0, signedKey.lastIndexOf('/')), openKey.substring(0, openKey.lastIndexOf('/')),
                "variants of one original share a prefix");

        // node B, asked with another token for the same variant, finds it: the token is not part of the key
        String other = signer.sign("/signed/small/2024/caf%C3%A9%20terrace.jpg", Duration.ofHours(2));
        HttpResponse<byte[]> fromStore = ok(b.get(other));
        assertTiming("store", fromStore);
        assertArrayEquals(signed.body(), fromStore.body());

        List<String> keys = listKeys();
        assertFalse(keys.isEmpty());
        for (String key : keys) {
            assertTrue(key.startsWith(PREFIX + "/"), key);
            assertTrue(OBJECT_KEY.matcher(key).matches(), key);
            assertFalse(key.contains("sig=") || key.contains("exp=") || key.contains(SIGNING_KEY)
                    || key.contains(S3ProxyServer.SECRET_KEY), key);
        }
    }

    @Test
    @Order(3)
    void anObjectThatIsNotTheVariantIsAMiss() throws Exception {
        HttpResponse<byte[]> rendered = ok(a.get("/images/width=230/photo.jpg"));
        String key = awaitObject("photo.jpg", rendered.headers().firstValue("ETag").orElseThrow());
        // overwritten by something else: no Content-Type of an image, no ETag metadata
        s3.putObject(BUCKET, key, "not an image".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> again = ok(b.get("/images/width=230/photo.jpg"));
        assertTiming("render", again);
        assertArrayEquals(rendered.body(), again.body());
    }

    @Test
    @Order(4)
    void aRestartedNodeServesFromTheStore() throws Exception {
        HttpResponse<byte[]> rendered = ok(a.get("/images/width=220/photo.jpg"));
        assertTiming("render", rendered);
        awaitObject("photo.jpg", rendered.headers().firstValue("ETag").orElseThrow());
        a.close();
        a = node();
        HttpResponse<byte[]> afterRestart = ok(a.get("/images/width=220/photo.jpg"));
        assertTiming("store", afterRestart);
        assertArrayEquals(rendered.body(), afterRestart.body());
        assertEquals(rendered.headers().firstValue("ETag"), afterRestart.headers().firstValue("ETag"));
    }

    @Test
    @Order(5)
    void whenTheStoreIsDownBothNodesStillRender() throws Exception {
        s3.close();
        for (JettyHarness node : List.of(a, b, a, b)) {
            for (int width : new int[] {240, 250}) {
                long started = System.nanoTime();
                HttpResponse<byte[]> response = ok(node.get("/images/width=" + width + "/2024/caf%C3%A9%20terrace.jpg"));
                String timing = response.headers().firstValue("Server-Timing").orElseThrow();
                assertTrue(timing.startsWith("render;") || timing.startsWith("memory;"), timing);
                assertEquals(width, TestImages.decode(response.body()).getWidth());
                assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos(), "a store that is down costs little");
            }
        }
    }

    private static HttpResponse<byte[]> ok(HttpResponse<byte[]> response) {
        assertEquals(200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8) + "\n" + s3.log());
        return response;
    }

    private static void assertTiming(String expected, HttpResponse<byte[]> response) {
        String timing = response.headers().firstValue("Server-Timing").orElseThrow();
        assertTrue(timing.startsWith(expected + ";dur="), "expected " + expected + ", got " + timing);
    }

    /** Waits for the asynchronous PUT; returns the object's key. */
    private static String awaitObject(String sourcePath, String etag) throws Exception {
        return s3.awaitKey(BUCKET, PREFIX + "/" + CacheTags.of(sourcePath) + "/" + etag.substring(1, etag.length() - 1), STORE_SIGNER);
    }

    private static List<String> listKeys() throws Exception {
        return s3.keys(BUCKET, STORE_SIGNER);
    }

    private static HttpResponse<String> s3Get(String encodedPath) throws Exception {
        return s3.get(encodedPath, STORE_SIGNER.headers("GET", URI.create(s3.endpoint() + encodedPath), List.of()));
    }
}
