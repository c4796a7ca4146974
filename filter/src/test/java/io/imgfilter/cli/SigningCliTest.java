package io.imgfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.SigningKey;
import io.imgfilter.signing.SigningScheme;
import io.imgfilter.signing.UrlSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SigningCliTest {

    private static final String SECRET = "cli-test-secret-0123456789abcdef01234567";
    private static final String OLD_SECRET = "cli-old-secret-0123456789abcdef012345678";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final long NOW_SECONDS = NOW.getEpochSecond();
    private static final Map<String, String> ENV = Map.of("IMAGE_SIGNING_KEY", SECRET);

    private Result last;

    private record Result(int code, String out, String err) {
        String line() {
            return out.strip();
        }
    }

    private Result run(Map<String, String> env, Instant now, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SigningCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.fixed(now, ZoneOffset.UTC));
        last = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        return last;
    }

    private Result run(String... args) {
        return run(ENV, NOW, args);
    }

    @AfterEach
    void neverPrintsTheSecret() {
        if (last != null) {
            for (String secret : new String[] {SECRET, OLD_SECRET}) {
                assertFalse(last.out.contains(secret) || last.err.contains(secret), "secret printed: " + last);
            }
        }
    }

    private static void assertUsageError(Result result, String expectedInMessage) {
        assertEquals(2, result.code, result.toString());
        assertEquals("", result.out);
        assertTrue(result.err.startsWith("error: "), result.err);
        assertEquals(1, result.err.strip().lines().count(), "one line: " + result.err);
        assertTrue(result.err.contains(expectedInMessage), result.err);
        assertFalse(result.err.contains("Exception") || result.err.contains("\tat "), result.err);
    }

    @Test
    void signThenVerify() {
        Result signed = run("sign", "--ttl", "1h", "/images/small/cat.jpg");
        assertEquals(0, signed.code, signed.toString());
        String unsigned = "/images/small/cat.jpg?exp=" + (NOW_SECONDS + 3600);
        UrlSigner reference = new UrlSigner(KeyRing.of(SigningKey.of(SECRET)), SigningScheme.PATH_AND_QUERY, Clock.systemUTC());
        assertEquals(unsigned + "&sig=" + reference.signature(unsigned), signed.line());
        assertEquals("", signed.err, "a 40-byte key draws no warning");

        Result valid = run(ENV, NOW.plusSeconds(48), "verify", signed.line());
        assertEquals(0, valid.code);
        assertEquals("valid, expires 2026-01-01T01:00:00Z (in 59m 12s); token only: the filter also checks the preset,"
                + " the options and the size limits", valid.line());
    }

    @Test
    void warnsOfLinksThatCannotWorkOrLiveLong() {
        Result dots = run("sign", "/images/small/../../WEB-INF/web.xml");
        assertEquals(0, dots.code);
        assertTrue(dots.err.contains("warning: the path has a '.' or '..' segment; the filter refuses such paths (400)"), dots.err);
        assertTrue(run("sign", "/images/small/%2e%2e/x.jpg").err.contains("'..' segment"), "encoded dots too");
        assertEquals("", run("sign", "/images/small/a..b.jpg").err, "dots inside a name are fine");

        Result forever = run("sign", "--ttl", "100000d", "/a.jpg");
        assertEquals(0, forever.code);
        assertTrue(forever.err.contains("warning: this link is valid for 100000d"), forever.err);
        assertEquals("", run("sign", "--ttl", "30d", "/a.jpg").err, "a month draws no warning");
    }

    @Test
    void aKeyWithColonsIsExplained() {
        Result signed = run(Map.of("IMAGE_SIGNING_KEY", "a:" + SECRET + ":tail"), NOW, "sign", "/a.jpg");
        assertEquals(0, signed.code);
        assertTrue(signed.err.contains("note: IMAGE_SIGNING_KEY holds an entry read as key id [a] with a secret that contains ':'"),
                signed.err);
        assertTrue(signed.line().contains("kid=a"), signed.line());
    }

    @Test
    void defaultLifetimeIsOneHourAndExpiresCanBeFixed() {
        assertTrue(run("sign", "/a.jpg").line().startsWith("/a.jpg?exp=" + (NOW_SECONDS + 3600) + "&sig="));
        assertTrue(run("sign", "--ttl=30m", "/a.jpg").line().startsWith("/a.jpg?exp=" + (NOW_SECONDS + 1800) + "&sig="));
        long fixed = Instant.parse("2026-12-31T00:00:00Z").getEpochSecond();
        assertTrue(run("sign", "--expires", "2026-12-31T00:00:00Z", "/a.jpg").line().startsWith("/a.jpg?exp=" + fixed + "&"));
        assertTrue(run("sign", "/a.jpg", "--expires", Long.toString(fixed)).line().startsWith("/a.jpg?exp=" + fixed + "&"));
    }

    @Test
    void fullUrlsKeepTheirOriginAndFragment() {
        Result signed = run("sign", "https://example.com:8443/shop/images/small/cat%20one.jpg?w=1#top");
        assertEquals(0, signed.code, signed.toString());
        assertTrue(signed.line().startsWith("https://example.com:8443/shop/images/small/cat%20one.jpg?w=1&exp="), signed.line());
        assertTrue(signed.line().endsWith("#top"), signed.line());
        assertEquals(0, run("verify", signed.line()).code, last.toString());
    }

    @Test
    void expired() {
        String url = run("sign", "--ttl", "1h", "/images/small/cat.jpg").line();
        Result expired = run(ENV, NOW.plus(Duration.ofMinutes(63)), "verify", url);
        assertEquals(1, expired.code);
        assertEquals("expired since 2026-01-01T01:00:00Z (3m ago)", expired.line());
        // within the leeway it is still served; --leeway 0 says otherwise
        assertEquals(0, run(ENV, NOW.plusSeconds(3620), "verify", url).code);
        assertEquals(1, run(ENV, NOW.plusSeconds(3620), "verify", "--leeway", "0", url).code);
    }

    @Test
    void refusals() {
        String url = run("sign", "/images/small/cat.jpg").line();
        Result tampered = run("verify", url.replace("cat", "dog"));
        assertEquals(1, tampered.code);
        assertEquals("bad signature", tampered.line());

        Result malformed = run("verify", url.replace("&sig=", "&sig=X"));
        assertEquals(1, malformed.code);
        assertEquals("malformed: sig is not 64 lower-case hex digits", malformed.line());

        Result unsigned = run("verify", "/images/small/cat.jpg");
        assertEquals(1, unsigned.code);
        assertEquals("not signed: no exp and no sig", unsigned.line());

        Result tooFar = run("verify", "--max-lifetime", "10m", url);
        assertEquals(1, tooFar.code);
        assertEquals("too far ahead: expires 2026-01-01T01:00:00Z (in 1h), beyond the max lifetime of 10m", tooFar.line());
    }

    @Test
    void keyRingFromTheEnvironment() {
        Map<String, String> env = Map.of("SITE_KEYS", "k2:" + SECRET + ",k1:" + OLD_SECRET);
        Result signed = run(env, NOW, "sign", "--key-env", "SITE_KEYS", "/a.jpg");
        assertTrue(signed.line().startsWith("/a.jpg?exp=" + (NOW_SECONDS + 3600) + "&kid=k2&sig="), signed.line());

        String byOldKey = run(Map.of("IMAGE_SIGNING_KEY", "k1:" + OLD_SECRET), NOW, "sign", "/a.jpg").line();
        assertTrue(byOldKey.contains("&kid=k1&"), byOldKey);
        assertEquals(0, run(env, NOW, "verify", "--key-env", "SITE_KEYS", byOldKey).code, last.toString());
    }

    @Test
    void imageVariantExpiryFromPrefixOrOptions() {
        long exp = NOW_SECONDS + 3600;
        UrlSigner reference = new UrlSigner(KeyRing.of(SigningKey.of(SECRET)), SigningScheme.IMAGE_VARIANT_EXPIRY, Clock.systemUTC());
        String expected = "/images/small/2024/cat%20one.jpg?exp=" + exp + "&sig=" + reference.signature("2024/cat one.jpgsmall" + exp);

        Result byPrefix = run("sign", "--scheme", "image-variant-expiry", "--prefix", "/images", "/images/small/2024/cat%20one.jpg");
        assertEquals(expected, byPrefix.line(), byPrefix.toString());
        Result explicit = run("sign", "--scheme", "image-variant-expiry", "--image-id", "2024/cat one.jpg",
                "--variant", "small", "/images/small/2024/cat%20one.jpg");
        assertEquals(expected, explicit.line(), explicit.toString());

        assertEquals(0, run("verify", "--scheme", "image-variant-expiry", "--prefix", "/images/", expected).code, last.toString());
        Result otherVariant = run("verify", "--scheme", "image-variant-expiry", "--image-id", "2024/cat one.jpg",
                "--variant", "large", expected);
        assertEquals(1, otherVariant.code);
        assertEquals("bad signature", otherVariant.line());
    }

    @Test
    void missingKey() {
        assertUsageError(run(Map.of(), NOW, "sign", "/a.jpg"), "environment variable IMAGE_SIGNING_KEY is not set");
        assertUsageError(run(Map.of("IMAGE_SIGNING_KEY", " "), NOW, "verify", "/a.jpg?exp=1&sig=2"), "IMAGE_SIGNING_KEY");
        assertUsageError(run(Map.of(), NOW, "sign", "--key-env", "MY_KEY", "/a.jpg"), "environment variable MY_KEY is not set");
        assertUsageError(run(Map.of("IMAGE_SIGNING_KEY", "k1:a,k1:b"), NOW, "sign", "/a.jpg"), "duplicate key id [k1]");
    }

    @Test
    void pastExpiryIsSignedWithAWarning() {
        Result signed = run("sign", "--expires", "2025-12-31T23:00:00Z", "/a.jpg");
        assertEquals(0, signed.code);
        assertEquals("warning: this link expires at 2025-12-31T23:00:00Z, which is not in the future", signed.err.strip());
        assertEquals("expired since 2025-12-31T23:00:00Z (1h ago)", run("verify", signed.line()).line());
    }

    @Test
    void weakKeyWarning() {
        Result signed = run(Map.of("IMAGE_SIGNING_KEY", "short-secret"), NOW, "sign", "/a.jpg");
        assertEquals(0, signed.code);
        assertTrue(signed.err.startsWith("warning: the signing key is shorter than 32 bytes"), signed.err);
        assertFalse(signed.err.contains("short-secret"));
    }

    @Test
    void help() {
        Result help = run(Map.of(), NOW, "--help");
        assertEquals(0, help.code);
        assertTrue(help.out.startsWith("usage: java -jar imgfilter-filter.jar sign"), help.out);
        assertEquals(0, run(Map.of(), NOW, "sign", "-h").code);

        Result nothing = run();
        assertEquals(2, nothing.code);
        assertTrue(nothing.err.startsWith("usage:"), nothing.err);
    }

    @Test
    void usageErrors() {
        assertUsageError(run("resign", "/a.jpg"), "unknown command [resign]; expected sign, verify or purge");
        assertUsageError(run("sign"), "missing the URL or path to sign");
        assertUsageError(run("--ttl", "1h"), "missing command");
        assertUsageError(run("sign", "/a.jpg", "/b.jpg"), "unexpected argument [/b.jpg]");
        assertUsageError(run("sign", "--ttl"), "--ttl needs a value");
        assertUsageError(run("sign", "--lifetime", "1h", "/a.jpg"), "unknown option --lifetime");
        assertUsageError(run("sign", "-t", "1h", "/a.jpg"), "unknown option -t");
        assertUsageError(run("sign", "--ttl", "1h", "--ttl", "2h", "/a.jpg"), "--ttl is given twice");
        assertUsageError(run("sign", "--ttl", "soon", "/a.jpg"), "--ttl: [soon] is not a duration");
        assertUsageError(run("sign", "--ttl", "0", "/a.jpg"), "--ttl must be at least 1s");
        assertUsageError(run("sign", "--ttl", "1h", "--expires", "2026-12-31T00:00:00Z", "/a.jpg"), "either --ttl or --expires");
        assertUsageError(run("sign", "--expires", "tomorrow", "/a.jpg"), "--expires [tomorrow] is not an instant");
        assertUsageError(run("verify", "--ttl", "1h", "/a.jpg"), "--ttl does not apply to verify");
        assertUsageError(run("sign", "--leeway", "1m", "/a.jpg"), "--leeway does not apply to sign");
        assertUsageError(run("sign", "--scheme", "hmac", "/a.jpg"), "allowed: path-and-query, image-variant-expiry");
        assertUsageError(run("sign", "images/a.jpg"), "neither a path starting with '/' nor an http(s) URL");
        assertUsageError(run("sign", "/cat one.jpg"), "percent-encoded");
        assertUsageError(run("sign", "/a.jpg?exp=5"), "already has an exp, sig or kid");
        assertUsageError(run("sign", "--image-id", "a.jpg", "/a.jpg"), "--image-id applies to --scheme image-variant-expiry only");
        assertUsageError(run("sign", "--scheme", "image-variant-expiry", "/images/small/a.jpg"), "needs --image-id and --variant, or --prefix");
        assertUsageError(run("sign", "--scheme", "image-variant-expiry", "--prefix", "/img", "/images/small/a.jpg"),
                "does not start with --prefix /img/");
        assertUsageError(run("sign", "--scheme", "image-variant-expiry", "--prefix", "/images", "/images/small/"),
                "is not /images/{variant}/{image id}");
        assertUsageError(run("sign", "--scheme", "image-variant-expiry", "--prefix", "/images", "/images/small/a%zz.jpg"),
                "bad percent-encoding");
        assertUsageError(run("verify", "--max-lifetime", "forever", "/a.jpg"), "--max-lifetime: [forever] is not a duration");
    }

    @Test
    void humanDurations() {
        assertEquals("0s", HumanDuration.format(Duration.ZERO));
        assertEquals("45s", HumanDuration.format(Duration.ofMillis(45_999)));
        assertEquals("3m", HumanDuration.format(Duration.ofMinutes(3)));
        assertEquals("59m 12s", HumanDuration.format(Duration.ofSeconds(3552)));
        assertEquals("1h", HumanDuration.format(Duration.ofHours(1)));
        assertEquals("2d 4h", HumanDuration.format(Duration.ofHours(52).plusMinutes(59)));
        assertEquals("3m", HumanDuration.format(Duration.ofMinutes(-3)));
    }
}
