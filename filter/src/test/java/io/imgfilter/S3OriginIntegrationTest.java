package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.request.SourcePath;
import io.imgfilter.request.SourcePathParser;
import io.imgfilter.source.Original;
import io.imgfilter.source.origin.HttpOriginSource;
import io.imgfilter.source.origin.OriginHeaders;
import io.imgfilter.source.origin.OriginOptions;
import io.imgfilter.source.origin.PathEncoding;
import io.imgfilter.source.origin.S3Location;
import io.imgfilter.source.origin.SigV4Signer;
import io.imgfilter.testing.JettyHarness;
import io.imgfilter.testing.S3ProxyServer;
import io.imgfilter.testing.TestImages;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The S3 source against a real S3-compatible server that verifies SigV4 signatures (S3Proxy on
 * loopback, see {@link S3ProxyServer}). The objects are uploaded signed by the AWS SDK's signer
 * and fetched signed by ours, under keys with spaces, sub-delimiters, accents, CJK and emoji.
 */
class S3OriginIntegrationTest {

    static final String BUCKET = "originals";
    static final List<String> NAMES = List.of("photo.jpg", "2024/café terrace.jpg", "a+b=c&d@f(1)!.jpg",
            "日本/写真 1.jpg", "emoji 😀🐈.jpg", "100%.jpg", "tilde~under_score.jpg");

    @TempDir
    static Path work;

    static S3ProxyServer s3;
    static JettyHarness jetty;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(work);
        s3.createBucket(BUCKET);
        for (String name : NAMES) {
            s3.putObject(BUCKET, "photos/" + PathEncoding.encodeSegments(List.of(name.split("/"))), TestImages.jpeg(640, 480));
        }
        s3.putObject(BUCKET, "photos/notes.jpg", "not an image".getBytes(StandardCharsets.UTF_8));
        System.setProperty("imgfilter.test.s3.key-id", S3ProxyServer.ACCESS_KEY_ID);
        System.setProperty("imgfilter.test.s3.secret", S3ProxyServer.SECRET_KEY);
        // lenient URIs: default Jetty refuses %25 ("100%.jpg") as ambiguous before the filter sees it
        jetty = JettyHarness.start("", true, context -> {
            JettyHarness.addFilter(context, "s3", "/s3/*", filter("${sys:imgfilter.test.s3.secret}", Map.of()));
            JettyHarness.addFilter(context, "shared", "/shared/*", filter("${sys:imgfilter.test.s3.secret}",
                    Map.of("origin-auth", "share-publicly")));
            JettyHarness.addFilter(context, "wrong", "/wrong/*", filter("not-the-secret-0123456789", Map.of()));
            JettyHarness.addFilter(context, "unsigned", "/unsigned/*", filter(null, Map.of()));
        });
    }

    private static Map<String, String> filter(String secret, Map<String, String> extra) {
        Map<String, String> params = new HashMap<>();
        params.put("source", "s3://" + BUCKET + "/photos");
        params.put("s3-endpoint", s3.endpoint());
        params.put("s3-region", S3ProxyServer.REGION);
        params.put("presets", "thumb: width=150,height=150,fit=cover,public; small: width=300,public");
        if (secret != null) {
            params.put("s3-access-key-id", "${sys:imgfilter.test.s3.key-id}");
            params.put("s3-secret-access-key", secret);
        }
        params.putAll(extra);
        return params;
    }

    @AfterAll
    static void stop() throws Exception {
        if (jetty != null) {
            jetty.close();
        }
        if (s3 != null) {
            s3.close();
        }
        System.clearProperty("imgfilter.test.s3.key-id");
        System.clearProperty("imgfilter.test.s3.secret");
    }

    @Test
    void theServerVerifiesSignatures() throws Exception {
        String path = "/" + BUCKET + "/photos/photo.jpg";
        URI uri = URI.create(s3.endpoint() + path);
        SigV4Signer right = new SigV4Signer(S3ProxyServer.ACCESS_KEY_ID, S3ProxyServer.SECRET_KEY, null, S3ProxyServer.REGION,
                "s3", Clock.systemUTC());
        SigV4Signer wrong = new SigV4Signer(S3ProxyServer.ACCESS_KEY_ID, S3ProxyServer.SECRET_KEY + "x", null,
                S3ProxyServer.REGION, "s3", Clock.systemUTC());
        assertEquals(200, s3.get(path, right.headers("GET", uri, List.of())).statusCode(), "the control request");
        HttpResponse<String> refused = s3.get(path, wrong.headers("GET", uri, List.of()));
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("SignatureDoesNotMatch"), refused.body());
        assertEquals(403, s3.get(path, List.of()).statusCode(), "anonymous requests are refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo.jpg", "2024/café terrace.jpg", "a+b=c&d@f(1)!.jpg", "日本/写真 1.jpg", "emoji 😀🐈.jpg",
        "100%.jpg", "tilde~under_score.jpg"})
    void servesEveryKeyWithOurSignature(String name) throws Exception {
        String encoded = PathEncoding.encodeSegments(List.of(name.split("/")));
        HttpResponse<byte[]> response = jetty.get("/s3/small/" + encoded);
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8) + "\n" + s3.log());
        assertEquals(300, TestImages.decode(response.body()).getWidth());
        assertNothingLeaks(response);
    }

    @Test
    void resultsArePrivateUnlessSharedPublicly() throws Exception {
        String privately = jetty.get("/s3/thumb/photo.jpg").headers().firstValue("Cache-Control").orElseThrow();
        assertTrue(privately.startsWith("private, "), privately);
        String shared = jetty.get("/shared/thumb/photo.jpg").headers().firstValue("Cache-Control").orElseThrow();
        assertTrue(shared.startsWith("public, "), shared);
    }

    @Test
    void missingObjectsAre404() throws Exception {
        HttpResponse<byte[]> response = jetty.get("/s3/small/missing.jpg");
        assertEquals(404, response.statusCode());
        assertNothingLeaks(response);
    }

    @Test
    void aWrongSecretOrNoSignatureIs502() throws Exception {
        for (String path : List.of("/wrong/small/photo.jpg", "/unsigned/small/photo.jpg")) {
            HttpResponse<byte[]> response = jetty.get(path);
            assertEquals(502, response.statusCode(), path);
            assertEquals("origin unavailable", new String(response.body(), StandardCharsets.UTF_8).strip());
            assertNothingLeaks(response);
        }
    }

    @Test
    void notAnImageIs415() throws Exception {
        assertEquals(415, jetty.get("/s3/small/notes.jpg").statusCode());
    }

    @Test
    void unchangedObjectsAreRevalidatedWithTheirETag() throws Exception {
        S3Location location = S3Location.parse("s3://" + BUCKET + "/photos", s3.endpoint(), S3ProxyServer.REGION, null);
        SigV4Signer signer = new SigV4Signer(S3ProxyServer.ACCESS_KEY_ID, S3ProxyServer.SECRET_KEY, null, S3ProxyServer.REGION,
                "s3", Clock.systemUTC());
        HttpOriginSource source = HttpOriginSource.s3(location, OriginHeaders.NONE, signer,
                new OriginOptions(Duration.ofSeconds(3), Duration.ofSeconds(10), 4, 1 << 20, 1 << 20, false));
        try {
            SourcePath path = SourcePathParser.parse("2024/caf%C3%A9%20terrace.jpg");
            Original first = source.fetch(path).orElseThrow();
            Thread.sleep(1100); // past HttpOriginSource.RECHECK_AFTER: S3 is asked again
            Original second = source.fetch(path).orElseThrow();
            assertSame(first.content(), second.content(), "S3 answered 304 and the kept bytes were used");
            assertEquals(1, source.cacheUsage()[0]);
            assertTrue(source.privateResults());
        } finally {
            source.close();
        }
    }

    private static void assertNothingLeaks(HttpResponse<byte[]> response) {
        String text = new String(response.body(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        List<String> secrets = List.of(String.valueOf(s3.port()), "127.0.0.1", BUCKET, "photos/", "amz", "aws4",
                S3ProxyServer.ACCESS_KEY_ID.toLowerCase(Locale.ROOT), "signature", "<?xml");
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "the body shows " + secret);
        }
        response.headers().map().forEach((name, values) -> {
            assertFalse(name.toLowerCase(Locale.ROOT).startsWith("x-amz"), "S3 header " + name + " passed on");
            for (String value : values) {
                for (String secret : secrets) {
                    assertFalse(value.toLowerCase(Locale.ROOT).contains(secret), name + ": " + value);
                }
            }
        });
    }
}
