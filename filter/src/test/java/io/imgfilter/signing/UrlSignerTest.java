package io.imgfilter.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UrlSignerTest {

    private static final String SECRET = "a-long-enough-secret-for-hmac-sha256!";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final long NOW_SECONDS = NOW.getEpochSecond();
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final UrlSigner signer =
            new UrlSigner(KeyRing.of(SigningKey.of(SECRET)), SigningScheme.PATH_AND_QUERY, CLOCK);

    @Test
    void appendsExpThenSigOverPathAndQuery() {
        String unsigned = "/images/small/cat.jpg?exp=" + (NOW_SECONDS + 3600);
        assertEquals(unsigned + "&sig=" + signer.signature(unsigned),
                signer.sign("/images/small/cat.jpg", Duration.ofHours(1)));
    }

    @Test
    void keepsAnExistingQueryInFront() {
        String unsigned = "/images/small/a.jpg?foo=1&bar=x%20y&exp=" + (NOW_SECONDS + 60);
        assertEquals(unsigned + "&sig=" + signer.signature(unsigned),
                signer.sign("/images/small/a.jpg?foo=1&bar=x%20y", Duration.ofMinutes(1)));
        // a bare '?' adds no empty parameter
        String bare = "/a.jpg?exp=" + (NOW_SECONDS + 60);
        assertEquals(bare + "&sig=" + signer.signature(bare), signer.sign("/a.jpg?", Duration.ofMinutes(1)));
    }

    @Test
    void addsKidWhenTheSigningKeyHasAnId() {
        UrlSigner withId = new UrlSigner(
                KeyRing.of(SigningKey.of("2026-01", SECRET), SigningKey.of("2025-12", "older")),
                SigningScheme.PATH_AND_QUERY, CLOCK);
        String unsigned = "/images/small/cat.jpg?exp=" + (NOW_SECONDS + 60) + "&kid=2026-01";
        assertEquals(unsigned + "&sig=" + withId.signature(unsigned),
                withId.sign("/images/small/cat.jpg", Duration.ofSeconds(60)));
        assertEquals(signer.signature("x"), withId.signature("x"), "the first key signs");
    }

    @Test
    void expiryIsWholeSecondsRoundedDown() {
        String signed = signer.sign("/a.jpg", NOW.plusMillis(1999));
        assertTrue(signed.startsWith("/a.jpg?exp=" + (NOW_SECONDS + 1) + "&sig="), signed);
        String fromTtl = new UrlSigner(KeyRing.of(SigningKey.of(SECRET)), SigningScheme.PATH_AND_QUERY,
                Clock.fixed(NOW.plusMillis(999), ZoneOffset.UTC)).sign("/a.jpg", Duration.ofSeconds(10));
        assertTrue(fromTtl.startsWith("/a.jpg?exp=" + (NOW_SECONDS + 10) + "&sig="), fromTtl);
    }

    @Test
    void pastExpiryIsAllowedForDemonstrations() {
        assertTrue(signer.sign("/a.jpg", NOW.minusSeconds(3600)).contains("exp=" + (NOW_SECONDS - 3600) + "&"));
    }

    @Test
    void rejectsBadLifetimes() {
        for (Duration ttl : new Duration[] {Duration.ZERO, Duration.ofSeconds(-5), Duration.ofMillis(999)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> signer.sign("/a.jpg", ttl));
            assertTrue(e.getMessage().startsWith("ttl must be at least 1 second"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> signer.sign("/a.jpg", Instant.EPOCH));
        assertThrows(IllegalArgumentException.class, () -> signer.sign("/a.jpg", Instant.ofEpochSecond(1_000_000_000_000L)));
    }

    @Test
    void rejectsNulls() {
        assertEquals("rawPath is null",
                assertThrows(IllegalArgumentException.class, () -> signer.sign(null, Duration.ofHours(1))).getMessage());
        assertEquals("ttl is null",
                assertThrows(IllegalArgumentException.class, () -> signer.sign("/a.jpg", (Duration) null)).getMessage());
        assertEquals("expires is null",
                assertThrows(IllegalArgumentException.class, () -> signer.sign("/a.jpg", (Instant) null)).getMessage());
        assertEquals("imageId is null", assertThrows(IllegalArgumentException.class,
                () -> signer.sign("/a.jpg", null, "small", Duration.ofHours(1))).getMessage());
        assertEquals("stringToSign is null",
                assertThrows(IllegalArgumentException.class, () -> signer.signature(null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UrlSigner(null));
    }

    @Test
    void rejectsPathsThatAlreadyCarryAToken() {
        for (String path : new String[] {"/a.jpg?exp=1", "/a.jpg?foo=1&sig=ab", "/a.jpg?kid=k1", "/a.jpg?sig"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> signer.sign(path, Duration.ofHours(1)), path);
            assertTrue(e.getMessage().contains("already has an exp, sig or kid"), e.getMessage());
        }
        // look-alikes are ordinary parameters
        assertTrue(signer.sign("/a.jpg?expires=1&signature=2", Duration.ofHours(1)).startsWith("/a.jpg?expires=1&signature=2&exp="));
    }

    @Test
    void rejectsPathsABrowserWouldSendDifferently() {
        for (String path : new String[] {"images/a.jpg", "", "/cat one.jpg", "/chat-été.jpg", "/a.jpg#top",
                "/a\tb.jpg", "/a|b.jpg", "/a\"b.jpg", "/a<b>.jpg", "/a{b}.jpg", "/a\\b.jpg"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> signer.sign(path, Duration.ofHours(1)), path);
            assertFalse(e.getMessage().isBlank());
        }
        assertTrue(signer.sign("/cat%20one.jpg", Duration.ofHours(1)).startsWith("/cat%20one.jpg?exp="));
    }

    @Test
    void pathAndQueryIgnoresImageAndVariant() {
        assertEquals(signer.sign("/images/small/a.jpg", Duration.ofHours(1)),
                signer.sign("/images/small/a.jpg", "a.jpg", "small", Duration.ofHours(1)));
    }

    @Test
    void imageVariantExpirySignsIdVariantAndExp() {
        UrlSigner iveSigner = new UrlSigner(KeyRing.of(SigningKey.of("k7", SECRET)), SigningScheme.IMAGE_VARIANT_EXPIRY, CLOCK);
        long exp = NOW_SECONDS + 600;
        assertEquals("/images/small/2024/cat%20one.jpg?exp=" + exp + "&kid=k7&sig="
                        + iveSigner.signature("2024/cat one.jpgsmall" + exp),
                iveSigner.sign("/images/small/2024/cat%20one.jpg", "2024/cat one.jpg", "small", Duration.ofMinutes(10)));

        IllegalStateException wrongMethod = assertThrows(IllegalStateException.class,
                () -> iveSigner.sign("/images/small/a.jpg", Duration.ofHours(1)));
        assertTrue(wrongMethod.getMessage().contains("imageId"), wrongMethod.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> iveSigner.sign("/images/small/a.jpg?w=1", "a.jpg", "small", Duration.ofHours(1)));
    }

    @Test
    void toStringHidesTheSecret() {
        assertFalse(signer.toString().contains(SECRET));
        assertEquals("UrlSigner[scheme=path-and-query, signing key=SigningKey[no id]]", signer.toString());
    }
}
