package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.SigningKey;
import io.imgfilter.signing.SigningScheme;
import io.imgfilter.signing.UrlSigner;
import io.imgfilter.testing.JettyHarness;
import io.imgfilter.testing.LogCapture;
import io.imgfilter.testing.SeedScripts;
import io.imgfilter.testing.TestImages;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed, expiring URLs through a real Jetty at a context path: what the filter accepts, what it
 * refuses, and that URLs made by the seed's own Worker code load.
 */
class SignedUrlIntegrationTest {

    private static final String NEW_KEY = "new-key-0123456789abcdefghijklmnopqrstuv";
    private static final String OLD_KEY = "old-key-0123456789abcdefghijklmnopqrstuv";

    @TempDir
    static Path root;

    static JettyHarness jetty;
    static ImageUrls images;
    static ImageUrls cloudflareStyle;
    /** What the signing package logs: refusals. */
    static LogCapture signingLog;

    @BeforeAll
    static void start() throws Exception {
        signingLog = LogCapture.of("io.imgfilter.signing");
        Path originals = Files.createDirectories(root.resolve("originals"));
        Files.write(originals.resolve("photo.jpg"), TestImages.jpeg(1200, 800));
        Files.write(originals.resolve("photo one.jpg"), TestImages.jpeg(1200, 800));
        Files.write(originals.resolve("other.jpg"), TestImages.jpeg(1200, 800));
        System.setProperty("imgfilter.test.new-key", NEW_KEY);
        Map<String, String> params = new HashMap<>(Map.of(
                "source", originals.toString(),
                "presets", "thumb: width=150,height=150,fit=cover,public; small: width=300; medium: width=600",
                "flexible-options", "true",
                "max-width", "1000",
                "signing-keys", "k2:${sys:imgfilter.test.new-key},k1:" + OLD_KEY,
                "max-token-lifetime", "2d"));
        Map<String, String> seed003 = Map.of(
                "source", originals.toString(),
                "presets", "small: width=300",
                "signing-keys", NEW_KEY,
                "signing-scheme", "image-variant-expiry");
        Map<String, String> seed002 = Map.of(
                "source", originals.toString(),
                "presets", "small: width=300",
                "signing-keys", NEW_KEY);
        jetty = JettyHarness.start("/shop", false, context -> {
            JettyHarness.addFilter(context, "imageResizer", "/images/*", params);
            JettyHarness.addFilter(context, "variants", "/v3/*", seed003);
            JettyHarness.addFilter(context, "worker", "/worker/*", seed002);
            JettyHarness.addFilter(context, "logged", "/logged/*", seed002); // its own refusal log, for one test
        });
        images = ImageUrls.lookup(jetty.context().getServletContext(), null);
        cloudflareStyle = ImageUrls.lookup(jetty.context().getServletContext(), "variants");
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
        signingLog.close();
        System.clearProperty("imgfilter.test.new-key");
    }

    @Test
    void theFilterPublishesItsUrlBuilder() {
        assertNotNull(images);
        assertEquals("/shop/images", images.baseUrl());
        assertEquals(images, ImageUrls.lookup(jetty.context().getServletContext(), "imageResizer"));
        assertTrue(images.requiresToken("small"));
        assertFalse(images.requiresToken("thumb"));
    }

    @Test
    void signedUrlLoadsWithCacheLifetimeCappedByTheToken() throws Exception {
        String url = images.url("photo one.jpg", "small", Duration.ofMinutes(10));
        assertTrue(url.startsWith("/shop/images/small/photo%20one.jpg?exp="), url);
        assertTrue(url.contains("&kid=k2&sig="), url);
        HttpResponse<byte[]> response = jetty.get(url);
        assertEquals(200, response.statusCode());
        assertEquals(300, TestImages.decode(response.body()).getWidth());
        String cacheControl = response.headers().firstValue("Cache-Control").orElseThrow();
        assertTrue(cacheControl.startsWith("private, max-age="), cacheControl);
        long maxAge = Long.parseLong(cacheControl.substring("private, max-age=".length()));
        assertTrue(maxAge <= 600 && maxAge > 590, cacheControl);
    }

    @Test
    void publicPresetNeedsNoToken() throws Exception {
        assertEquals("/shop/images/thumb/photo.jpg", images.url("photo.jpg", "thumb", Duration.ofHours(1)));
        HttpResponse<byte[]> response = jetty.get("/shop/images/thumb/photo.jpg");
        assertEquals(200, response.statusCode());
        assertEquals("public, max-age=86400", response.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void missingTokenIsRefusedBeforeTheSource() throws Exception {
        assertForbidden("/shop/images/small/photo.jpg");
        assertForbidden("/shop/images/small/no-such-image.jpg"); // 403, not 404: the source is never asked
        assertForbidden("/shop/images/width=300/photo.jpg");
    }

    @Test
    void tamperedTokensAreRefused() throws Exception {
        String url = images.url("photo.jpg", "small", Duration.ofHours(1));
        assertEquals(200, jetty.get(url).statusCode());
        assertForbidden(url.replace("/small/", "/medium/"));                  // moved to another preset
        assertForbidden(url.replace("/photo.jpg", "/other.jpg"));              // moved to another image
        assertForbidden(url.replace("/shop/images/small/photo.jpg", "/shop/images/width=300/photo.jpg")); // to options
        String exp = url.replaceAll(".*exp=([0-9]+).*", "$1");
        assertForbidden(url.replace("exp=" + exp, "exp=" + (Long.parseLong(exp) + 60))); // extended
        assertForbidden(url + "&width=900");                                   // extra parameter
        assertForbidden(url.replace("kid=k2", "kid=k1"));                      // other key's id
        assertForbidden(url.replace("kid=k2", "kid=k9"));                      // unknown key id
        String sig = url.substring(url.length() - 64);
        assertForbidden(url.substring(0, url.length() - 64) + sig.toUpperCase(java.util.Locale.ROOT)); // upper-case hex
        assertForbidden(url.substring(0, url.length() - 1));                  // 63 hex digits
        assertForbidden(url + "0");                                            // 65 hex digits
        assertForbidden(url + "&sig=" + url.substring(url.length() - 64));     // duplicated sig
    }

    @Test
    void expiredAndTooFarAheadAreRefused() throws Exception {
        assertForbidden(images.url("photo.jpg", "small", Instant.now().minusSeconds(120)));
        assertForbidden(images.url("photo.jpg", "small", Duration.ofDays(3))); // max-token-lifetime 2d
    }

    @Test
    void refusalsAreLoggedWithTheirReasonAndNoSecret() throws Exception {
        ImageUrls logged = ImageUrls.lookup(jetty.context().getServletContext(), "logged");
        assertForbidden(logged.url("photo.jpg", "small", Instant.now().minusSeconds(120)));
        {
            List<String> lines = signingLog.messages(java.util.logging.Level.ALL);
            assertTrue(lines.stream().anyMatch(line -> line.contains("expired") && line.contains("/shop/logged/small/photo.jpg")),
                    "expiry is logged with its reason and path: " + lines);
            for (String line : lines) {
                assertFalse(line.contains(NEW_KEY) || line.contains(OLD_KEY), "no key in the log: " + line);
            }
        }
    }

    @Test
    void oldKeyStillVerifiesAfterRotation() throws Exception {
        UrlSigner oldSigner = new UrlSigner(KeyRing.of(SigningKey.of("k1", OLD_KEY)), SigningScheme.PATH_AND_QUERY, Clock.systemUTC());
        String url = oldSigner.sign("/shop/images/small/photo.jpg", Duration.ofHours(1));
        assertEquals(200, jetty.get(url).statusCode());
        UrlSigner unknown = new UrlSigner(KeyRing.of(SigningKey.of("another-key-0123456789abcdefghijklmn")));
        assertForbidden(unknown.sign("/shop/images/small/photo.jpg", Duration.ofHours(1)));
    }

    @Test
    void signedFlexibleOptionsStillObeyLimits() throws Exception {
        HttpResponse<byte[]> ok = jetty.get(images.flexibleUrl("photo.jpg", "width=400,quality=70", Duration.ofHours(1)));
        assertEquals(200, ok.statusCode());
        assertEquals(400, TestImages.decode(ok.body()).getWidth());
        IllegalArgumentException overLimit = assertThrows(IllegalArgumentException.class,
                () -> images.flexibleUrl("photo.jpg", "width=1200", Duration.ofHours(1)));
        assertEquals("width 1200 is over the limit of 1000 pixels", overLimit.getMessage());
        UrlSigner signer = images.signer().orElseThrow();
        HttpResponse<byte[]> signedButTooWide = jetty.get(signer.sign("/shop/images/width=1200/photo.jpg", Duration.ofHours(1)));
        assertEquals(400, signedButTooWide.statusCode());
        assertEquals("width 1200 is over the limit of 1000 pixels", new String(signedButTooWide.body(), StandardCharsets.UTF_8).strip());
    }

    @Test
    void revalidationStillNeedsAToken() throws Exception {
        HttpResponse<byte[]> first = jetty.get(images.url("photo.jpg", "small", Duration.ofHours(1)));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals(403, jetty.get("/shop/images/small/photo.jpg", "If-None-Match", etag).statusCode());
        assertEquals(304, jetty.get(images.url("photo.jpg", "small", Duration.ofHours(1)), "If-None-Match", etag).statusCode());
    }

    @Test
    void imageVariantExpiryScheme() throws Exception {
        String url = cloudflareStyle.url("photo one.jpg", "small", Duration.ofHours(1));
        assertEquals(200, jetty.get(url).statusCode());
        assertForbidden(url + "&extra=1"); // not covered by this scheme's signature, so refused
        assertForbidden(url.replace("photo%20one.jpg", "other.jpg"));
    }

    @Test
    void urlsSignedByTheSeedWorkerLoad() throws Exception {
        String base = "http://127.0.0.1:" + jetty.port();
        List<String> signed = SeedScripts.run(root, SeedScripts.SEED_002, NEW_KEY,
                List.of(base + "/shop/worker/small/photo%20one.jpg", base + "/shop/worker/small/photo.jpg"));
        assertEquals(2, signed.size(), signed.toString());
        for (String url : signed) {
            HttpResponse<byte[]> response = jetty.get(url.substring(base.length()));
            assertEquals(200, response.statusCode(), url);
            assertEquals(300, TestImages.decode(response.body()).getWidth());
        }
    }

    private static void assertForbidden(String url) throws Exception {
        HttpResponse<byte[]> response = jetty.get(url);
        assertEquals(403, response.statusCode(), url);
        assertEquals("invalid or expired signature", new String(response.body(), StandardCharsets.UTF_8).strip());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    }
}
