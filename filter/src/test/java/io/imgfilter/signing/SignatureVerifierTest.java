package io.imgfilter.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.signing.Verdict.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    private static final String SECRET = "first-secret-0123456789abcdef0123456789";
    private static final String OTHER_SECRET = "second-secret-0123456789abcdef012345678";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Verdict verifyUrl(SignatureVerifier verifier, String url) {
        return verifier.verify(SignedRequest.ofPathAndQuery(url, null, null));
    }

    private static void assertOutcome(Outcome expected, Verdict verdict) {
        assertEquals(expected, verdict.outcome(), verdict::reason);
    }

    @Nested
    class PathAndQuery {

        private final KeyRing keys = KeyRing.of(SigningKey.of(SECRET));
        private final UrlSigner signer = new UrlSigner(keys, SigningScheme.PATH_AND_QUERY, CLOCK);
        private final SignatureVerifier verifier = SignatureVerifier.of(keys, SigningScheme.PATH_AND_QUERY, CLOCK);

        private String signed(String path) {
            return signer.sign(path, Duration.ofHours(1));
        }

        @Test
        void everythingTheSignerMakesVerifies() {
            List<String> paths = List.of("/images/small/cat.jpg", "/shop/images/medium/2024/cat%20one.jpg",
                    "/images/width=400,quality=80/photo.jpg", "/images/small/a.jpg?foo=1",
                    "/images/small/a.jpg?foo=1&foo=2&bar=&baz", "/images/small/a.jpg?", "/images/small/%E2%82%AC.png",
                    "/images/small/a.jpg?q=a+b%2Bc&&x=1", "/");
            for (String path : paths) {
                Verdict verdict = verifyUrl(verifier, signed(path));
                assertTrue(verdict.isValid(), path + ": " + verdict.reason());
                Verdict.Valid valid = (Verdict.Valid) verdict;
                assertEquals(NOW.plusSeconds(3600), valid.expires());
                assertEquals(Duration.ofHours(1), valid.remaining());
            }
        }

        @Test
        void otherImagePresetOrOptionsAreRefused() {
            String url = signed("/images/small/2024/cat.jpg");
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url.replace("cat.jpg", "dog.jpg")));
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url.replace("/small/", "/large/")));
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url.replace("/2024/", "/2025/")));
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url.replace("/images/", "/shop/images/")));

            String options = signed("/images/width=400,quality=80/photo.jpg");
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, options.replace("width=400", "width=4000")));
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, options.replace(",quality=80", "")));
        }

        @Test
        void pathIsComparedRawNotDecoded() {
            String url = signed("/images/small/cat%20one.jpg");
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url.replace("%20", "+")));
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url.replace("%20", "%2520")));
            String slash = signed("/images/small/a%2Fb.jpg");
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, slash.replace("%2F", "%2f")));
        }

        @Test
        void changedExpIsRefusedEvenWhenItWouldBeExpired() {
            String url = signed("/images/small/cat.jpg");
            long exp = NOW.getEpochSecond() + 3600;
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url.replace("exp=" + exp, "exp=" + (exp + 1))));
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url.replace("exp=" + exp, "exp=" + (exp - 7200))));
        }

        @Test
        void addedRemovedOrReorderedParametersAreRefused() {
            String url = signed("/images/small/a.jpg?a=1&b=2");
            int sigAt = url.indexOf("&sig=");
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url + "&c=3"));
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url.substring(0, sigAt) + "&c=3" + url.substring(sigAt)));
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url.replace("?a=1&b=2&", "?b=2&")));
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url.replace("?a=1&b=2&", "?b=2&a=1&")));
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url.replace("a=1", "a=1&")));
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url.replace("a=1", "a=%31")));
            // but moving sig itself changes nothing that is signed
            String sigParam = url.substring(sigAt + 1);
            String moved = url.substring(0, url.indexOf('?') + 1) + sigParam + "&" + url.substring(url.indexOf('?') + 1, sigAt);
            assertTrue(verifyUrl(verifier, moved).isValid(), moved);
        }

        @Test
        void signatureFormatIsStrict() {
            String url = signed("/images/small/cat.jpg");
            String sig = url.substring(url.indexOf("&sig=") + 5);
            String base = url.substring(0, url.indexOf("&sig="));
            Verdict upper = verifyUrl(verifier, base + "&sig=" + sig.toUpperCase());
            assertOutcome(Outcome.MALFORMED, upper);
            assertEquals("malformed: sig is not 64 lower-case hex digits", upper.reason());
            assertOutcome(Outcome.MALFORMED, verifyUrl(verifier, base + "&sig=" + sig.substring(1)));
            assertOutcome(Outcome.MALFORMED, verifyUrl(verifier, base + "&sig=" + sig + "0"));
            assertOutcome(Outcome.MALFORMED, verifyUrl(verifier, base + "&sig=" + sig.substring(2) + "zz"));
            assertOutcome(Outcome.MALFORMED, verifyUrl(verifier, base + "&sig=g" + sig.substring(1)));
            assertOutcome(Outcome.MALFORMED, verifyUrl(verifier, base + "&sig=" + sig.substring(0, 63) + "G"));
            assertOutcome(Outcome.MALFORMED, verifyUrl(verifier, base + "&sig="));
            assertOutcome(Outcome.MALFORMED, verifyUrl(verifier, base + "&sig"));
            Verdict twice = verifyUrl(verifier, url + "&sig=" + sig);
            assertOutcome(Outcome.MALFORMED, twice);
            assertEquals("malformed: duplicate sig", twice.reason());
            // a sig of the right form but flipped is just wrong
            char last = sig.charAt(63);
            String flipped = sig.substring(0, 63) + (last == '0' ? '1' : '0');
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, base + "&sig=" + flipped));
        }

        @Test
        void expFormatIsStrict() {
            for (String exp : new String[] {"", "0", "01893456000", "-1893456000", "+1893456000", "1.5", "1e9",
                    "1893456000 ", "1234567890123", "%31893456000", "１８９３４５６０００"}) {
                String query = "exp=" + exp + "&sig=" + "a".repeat(64);
                Verdict verdict = verifier.verify(SignedRequest.of("/a.jpg", query));
                assertOutcome(Outcome.MALFORMED, verdict);
                assertEquals("malformed: exp is not a positive decimal of at most 12 digits", verdict.reason(), exp);
            }
            assertOutcome(Outcome.MALFORMED, verifier.verify(SignedRequest.of("/a.jpg", "exp=1&exp=2&sig=" + "a".repeat(64))));
        }

        @Test
        void missingOrHalfTokens() {
            assertSame(Outcome.MISSING, verifier.verify(SignedRequest.of("/a.jpg", null)).outcome());
            assertSame(Outcome.MISSING, verifier.verify(SignedRequest.of("/a.jpg", "")).outcome());
            assertSame(Outcome.MISSING, verifier.verify(SignedRequest.of("/a.jpg", "w=1&kid=k1")).outcome());
            assertSame(Outcome.MISSING, verifier.verify(SignedRequest.of("/a.jpg", "EXP=1&SIG=2&%73ig=3")).outcome());
            Verdict noSig = verifier.verify(SignedRequest.of("/a.jpg", "exp=1893456000"));
            assertOutcome(Outcome.MALFORMED, noSig);
            assertEquals("malformed: exp without sig", noSig.reason());
            assertOutcome(Outcome.MALFORMED, verifier.verify(SignedRequest.of("/a.jpg", "sig=" + "a".repeat(64))));
        }

        @Test
        void sigFromAnotherUrlIsRefused() {
            String cat = signed("/images/small/cat.jpg");
            String dog = signed("/images/small/dog.jpg");
            String stolen = dog.substring(0, dog.indexOf("&sig=")) + cat.substring(cat.indexOf("&sig="));
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, stolen));
        }

        @Test
        void otherKeysSignaturesAreRefused() {
            UrlSigner stranger = new UrlSigner(KeyRing.of(SigningKey.of(OTHER_SECRET)), SigningScheme.PATH_AND_QUERY, CLOCK);
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, stranger.sign("/images/small/cat.jpg", Duration.ofHours(1))));
        }

        @Test
        void refusalsNeverShowTheExpectedSignature() {
            String url = signed("/images/small/cat.jpg");
            String tampered = url.replace("cat.jpg", "dog.jpg");
            String expected = signer.signature(tampered.substring(0, tampered.indexOf("&sig=")));
            Verdict verdict = verifyUrl(verifier, tampered);
            assertOutcome(Outcome.BAD_SIGNATURE, verdict);
            assertEquals("bad signature", verdict.reason());
            assertFalse(verdict.toString().contains(expected), verdict.toString());
            assertFalse(verifier.toString().contains(SECRET), verifier.toString());
        }
    }

    @Nested
    class Expiry {

        private final KeyRing keys = KeyRing.of(SigningKey.of(SECRET));
        private final UrlSigner signer = new UrlSigner(keys, SigningScheme.PATH_AND_QUERY, CLOCK);
        private final MutableClock clock = new MutableClock(NOW);
        private final String url = signer.sign("/images/small/cat.jpg", Duration.ofSeconds(60));
        private final Instant exp = NOW.plusSeconds(60);

        @Test
        void defaultLeewayIsThirtySeconds() {
            SignatureVerifier verifier = SignatureVerifier.builder(keys).clock(clock).build();
            assertEquals(Duration.ofSeconds(30), verifier.leeway());

            clock.set(exp.minusMillis(1500));
            Verdict.Valid valid = assertInstanceOf(Verdict.Valid.class, verifyUrl(verifier, url));
            assertEquals(Duration.ofMillis(1500), valid.remaining());

            clock.set(exp.plusSeconds(30));
            valid = assertInstanceOf(Verdict.Valid.class, verifyUrl(verifier, url), "exp + leeway == now is accepted");
            assertEquals(exp, valid.expires());
            assertEquals(Duration.ZERO, valid.remaining());

            clock.set(exp.plusSeconds(30).plusMillis(1));
            Verdict.Expired expired = assertInstanceOf(Verdict.Expired.class, verifyUrl(verifier, url));
            assertEquals(exp, expired.expiredAt());
            assertEquals(Duration.ofMillis(30_001), expired.ago());
            assertEquals("expired 30s ago", expired.reason());

            clock.set(exp.plusSeconds(120));
            assertEquals("expired 120s ago", verifyUrl(verifier, url).reason());
        }

        @Test
        void zeroLeeway() {
            SignatureVerifier verifier = SignatureVerifier.builder(keys).clock(clock).leeway(Duration.ZERO).build();
            clock.set(exp);
            assertTrue(verifyUrl(verifier, url).isValid());
            clock.set(exp.plusMillis(1));
            assertOutcome(Outcome.EXPIRED, verifyUrl(verifier, url));
        }

        @Test
        void badSignatureTakesPrecedenceOverExpiry() {
            SignatureVerifier verifier = SignatureVerifier.builder(keys).clock(clock).build();
            clock.set(exp.plusSeconds(3600));
            assertOutcome(Outcome.EXPIRED, verifyUrl(verifier, url));
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, url.replace("cat", "dog")));
        }

        @Test
        void maxLifetimeBoundsHowFarAheadExpiryMayBe() {
            SignatureVerifier verifier = SignatureVerifier.builder(keys).clock(CLOCK)
                    .maxLifetime(Duration.ofHours(1)).build();
            String atLimit = signer.sign("/a.jpg", NOW.plusSeconds(3600 + 30));
            assertTrue(verifyUrl(verifier, atLimit).isValid(), "max lifetime + leeway is accepted");

            String beyond = signer.sign("/a.jpg", NOW.plusSeconds(3600 + 31));
            Verdict.TooFarAhead tooFar = assertInstanceOf(Verdict.TooFarAhead.class, verifyUrl(verifier, beyond));
            assertEquals(NOW.plusSeconds(3631), tooFar.expires());
            assertEquals(Duration.ofSeconds(3631), tooFar.ahead());
            assertEquals(Duration.ofHours(1), tooFar.maxLifetime());
            assertEquals("expiry 3631s ahead, beyond the max lifetime of 3600s", tooFar.reason());

            String forged = beyond.replace("/a.jpg", "/b.jpg");
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, forged));

            SignatureVerifier unlimited = SignatureVerifier.of(keys, SigningScheme.PATH_AND_QUERY, CLOCK);
            assertTrue(verifyUrl(unlimited, signer.sign("/a.jpg", Instant.ofEpochSecond(999_999_999_999L))).isValid());
        }

        @Test
        void rejectsUnreasonableSettings() {
            assertThrows(IllegalArgumentException.class,
                    () -> SignatureVerifier.builder(keys).leeway(Duration.ofSeconds(-1)).build());
            assertThrows(IllegalArgumentException.class,
                    () -> SignatureVerifier.builder(keys).leeway(Duration.ofDays(2)).build());
            assertThrows(IllegalArgumentException.class,
                    () -> SignatureVerifier.builder(keys).maxLifetime(Duration.ZERO).build());
            assertThrows(NullPointerException.class, () -> SignatureVerifier.builder(null));
        }
    }

    @Nested
    class Rotation {

        private final SigningKey oldKey = SigningKey.of(OTHER_SECRET);
        private final SigningKey newKey = SigningKey.of(SECRET);

        @Test
        void urlsOfTheOldKeyVerifyAfterANewOneIsAddedInFront() {
            String old = new UrlSigner(KeyRing.of(oldKey), SigningScheme.PATH_AND_QUERY, CLOCK)
                    .sign("/images/small/cat.jpg", Duration.ofHours(1));
            KeyRing rotated = KeyRing.of(newKey, oldKey);
            assertTrue(verifyUrl(SignatureVerifier.of(rotated, SigningScheme.PATH_AND_QUERY, CLOCK), old).isValid());
            String fresh = new UrlSigner(rotated, SigningScheme.PATH_AND_QUERY, CLOCK).sign("/images/small/cat.jpg", Duration.ofHours(1));
            assertTrue(verifyUrl(SignatureVerifier.of(KeyRing.of(newKey), SigningScheme.PATH_AND_QUERY, CLOCK), fresh).isValid());
            // once the old key is dropped, its URLs stop working
            assertOutcome(Outcome.BAD_SIGNATURE,
                    verifyUrl(SignatureVerifier.of(KeyRing.of(newKey), SigningScheme.PATH_AND_QUERY, CLOCK), old));
        }

        @Test
        void kidSelectsTheOneKeyToTry() {
            KeyRing ring = KeyRing.of(SigningKey.of("k2", SECRET), SigningKey.of("k1", OTHER_SECRET));
            SignatureVerifier verifier = SignatureVerifier.of(ring, SigningScheme.PATH_AND_QUERY, CLOCK);
            String byK1 = new UrlSigner(KeyRing.of(SigningKey.of("k1", OTHER_SECRET)), SigningScheme.PATH_AND_QUERY, CLOCK)
                    .sign("/a.jpg", Duration.ofHours(1));
            assertTrue(byK1.contains("&kid=k1&sig="), byK1);
            assertTrue(verifyUrl(verifier, byK1).isValid());
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, byK1.replace("kid=k1", "kid=k2")));
            Verdict unknown = verifyUrl(verifier, byK1.replace("kid=k1", "kid=k9"));
            assertOutcome(Outcome.MALFORMED, unknown);
            assertEquals("malformed: unknown kid", unknown.reason());
            assertOutcome(Outcome.MALFORMED, verifyUrl(verifier, byK1.replace("kid=k1", "kid=")));
            assertOutcome(Outcome.MALFORMED, verifyUrl(verifier, byK1.replace("kid=k1", "kid=k1&kid=k1")));
            // without its kid the URL no longer matches what was signed
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(verifier, byK1.replace("&kid=k1", "")));
        }

        @Test
        void aKidNamesTheOnlyKeyTried() {
            KeyRing ring = KeyRing.of(SigningKey.of("k2", SECRET), SigningKey.of("k1", OTHER_SECRET));
            // k1's secret, but the URL claims k2: right signature, wrong key
            String mislabelled = new UrlSigner(KeyRing.of(SigningKey.of("k2", OTHER_SECRET)), SigningScheme.PATH_AND_QUERY, CLOCK)
                    .sign("/a.jpg", Duration.ofHours(1));
            assertOutcome(Outcome.BAD_SIGNATURE, verifyUrl(SignatureVerifier.of(ring, SigningScheme.PATH_AND_QUERY, CLOCK), mislabelled));
        }

        @Test
        void urlsWithoutKidAreTriedWithEveryKey() {
            KeyRing ring = KeyRing.of(SigningKey.of("k2", SECRET), SigningKey.of(OTHER_SECRET));
            String noKid = new UrlSigner(KeyRing.of(SigningKey.of(OTHER_SECRET)), SigningScheme.PATH_AND_QUERY, CLOCK)
                    .sign("/a.jpg", Duration.ofHours(1));
            assertTrue(verifyUrl(SignatureVerifier.of(ring, SigningScheme.PATH_AND_QUERY, CLOCK), noKid).isValid());
        }
    }

    @Nested
    class ImageVariantExpiry {

        private final KeyRing keys = KeyRing.of(SigningKey.of(SECRET));
        private final UrlSigner signer = new UrlSigner(keys, SigningScheme.IMAGE_VARIANT_EXPIRY, CLOCK);
        private final SignatureVerifier verifier = SignatureVerifier.of(keys, SigningScheme.IMAGE_VARIANT_EXPIRY, CLOCK);
        private final String url = signer.sign("/images/small/2024/cat%20one.jpg", "2024/cat one.jpg", "small", Duration.ofHours(1));
        private final String query = url.substring(url.indexOf('?') + 1);

        private Verdict verify(String imageId, String variant, String rawQuery) {
            return verifier.verify(SignedRequest.of("/images/small/2024/cat%20one.jpg", rawQuery, imageId, variant));
        }

        @Test
        void roundTrip() {
            assertTrue(verify("2024/cat one.jpg", "small", query).isValid());
            UrlSigner withKid = new UrlSigner(KeyRing.of(SigningKey.of("k1", SECRET)), SigningScheme.IMAGE_VARIANT_EXPIRY, CLOCK);
            String kidUrl = withKid.sign("/images/width=400/a.jpg", "a.jpg", "width=400", Duration.ofHours(1));
            assertTrue(kidUrl.contains("&kid=k1&sig="), kidUrl);
            Verdict verdict = SignatureVerifier.of(KeyRing.of(SigningKey.of("k1", SECRET)), SigningScheme.IMAGE_VARIANT_EXPIRY, CLOCK)
                    .verify(SignedRequest.ofPathAndQuery(kidUrl, "a.jpg", "width=400"));
            assertTrue(verdict.isValid(), verdict::reason);
        }

        @Test
        void tamperingIsRefused() {
            assertOutcome(Outcome.BAD_SIGNATURE, verify("2024/dog.jpg", "small", query));
            assertOutcome(Outcome.BAD_SIGNATURE, verify("2024/cat%20one.jpg", "small", query));
            assertOutcome(Outcome.BAD_SIGNATURE, verify("2024/cat one.jpg", "large", query));
            long exp = NOW.getEpochSecond() + 3600;
            assertOutcome(Outcome.BAD_SIGNATURE, verify("2024/cat one.jpg", "small", query.replace("exp=" + exp, "exp=" + (exp + 1))));
        }

        @Test
        void parametersTheSignatureDoesNotCoverAreMalformed() {
            Verdict extra = verify("2024/cat one.jpg", "small", query + "&width=2000");
            assertOutcome(Outcome.MALFORMED, extra);
            assertEquals("malformed: query parameter not covered by the signature", extra.reason());
            assertOutcome(Outcome.MALFORMED, verify("2024/cat one.jpg", "small", "w=1&" + query));
            assertOutcome(Outcome.MALFORMED, verify("2024/cat one.jpg", "small", query + "&"));
            assertOutcome(Outcome.MISSING, verify("2024/cat one.jpg", "small", "w=1"));
        }

        @Test
        void needsImageIdAndVariant() {
            assertThrows(IllegalArgumentException.class,
                    () -> verifier.verify(SignedRequest.of("/images/small/a.jpg", query)));
        }
    }

    @Test
    void requestNeedsAPath() {
        assertThrows(NullPointerException.class, () -> SignedRequest.of(null, "exp=1"));
    }

    @Test
    void pathAndQuerySplitting() {
        assertEquals(SignedRequest.of("/a.jpg", "x=1&y=2"), SignedRequest.ofPathAndQuery("/a.jpg?x=1&y=2#frag", null, null));
        assertEquals(SignedRequest.of("/a.jpg", null), SignedRequest.ofPathAndQuery("/a.jpg#x?y", null, null));
        assertEquals(SignedRequest.of("/a.jpg", "a?b"), SignedRequest.ofPathAndQuery("/a.jpg?a?b", null, null));
    }
}
