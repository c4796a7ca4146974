package io.imgfilter.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The test vectors of DESIGN.md, "Signed URL tokens": the specification of both schemes. */
class DesignVectorsTest {

    private static final String DEMO_KEY = "demo-key-please-change";

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    @Test
    void presetPathWithExpiry() {
        KeyRing keys = KeyRing.of(SigningKey.of(DEMO_KEY));
        String sig = "5204815690eed70412593d15d871ef6a6f6e737a2071f108f1b243dec05748a9";
        UrlSigner signer = new UrlSigner(keys, SigningScheme.PATH_AND_QUERY, at(1_800_000_000L));

        assertEquals(sig, signer.signature("/images/small/photo.jpg?exp=1893456000"));
        assertEquals("/images/small/photo.jpg?exp=1893456000&sig=" + sig,
                signer.sign("/images/small/photo.jpg", Instant.ofEpochSecond(1893456000L)));

        Verdict verdict = SignatureVerifier.of(keys, SigningScheme.PATH_AND_QUERY, at(1_800_000_000L))
                .verify(SignedRequest.of("/images/small/photo.jpg", "exp=1893456000&sig=" + sig));
        assertTrue(verdict.isValid(), verdict::reason);
        assertEquals(Instant.ofEpochSecond(1893456000L), ((Verdict.Valid) verdict).expires());
    }

    @Test
    void contextPathEncodedSpaceAndKeyId() {
        KeyRing keys = KeyRing.of(SigningKey.of("k2", DEMO_KEY));
        String sig = "3edc31f552e2028cf94d802cfe25fdb232a1f3bc675c3c20998195ba9a140c34";
        String path = "/shop/images/medium/2024/cat%20one.jpg";
        UrlSigner signer = new UrlSigner(keys, SigningScheme.PATH_AND_QUERY, at(1_699_999_000L));

        assertEquals(sig, signer.signature(path + "?exp=1700000000&kid=k2"));
        assertEquals(path + "?exp=1700000000&kid=k2&sig=" + sig, signer.sign(path, Instant.ofEpochSecond(1700000000L)));

        SignatureVerifier verifier = SignatureVerifier.of(keys, SigningScheme.PATH_AND_QUERY, at(1_699_999_000L));
        assertTrue(verifier.verify(SignedRequest.of(path, "exp=1700000000&kid=k2&sig=" + sig)).isValid());
        // sig is removed wherever it stands; the others keep their order
        assertTrue(verifier.verify(SignedRequest.of(path, "sig=" + sig + "&exp=1700000000&kid=k2")).isValid());
        assertTrue(verifier.verify(SignedRequest.of(path, "exp=1700000000&sig=" + sig + "&kid=k2")).isValid());
    }

    @Test
    void imageVariantExpiryScheme() {
        KeyRing keys = KeyRing.of(SigningKey.of(DEMO_KEY));
        String sig = "6534c940afde06ec4bcc554214362d8cadd6ae52a031fc22fc717220fad2afb9";
        UrlSigner signer = new UrlSigner(keys, SigningScheme.IMAGE_VARIANT_EXPIRY, at(1_800_000_000L));

        assertEquals(sig, signer.signature("photo.jpgsmall1893456000"));
        assertEquals("/images/small/photo.jpg?exp=1893456000&sig=" + sig,
                signer.sign("/images/small/photo.jpg", "photo.jpg", "small", Instant.ofEpochSecond(1893456000L)));

        Verdict verdict = SignatureVerifier.of(keys, SigningScheme.IMAGE_VARIANT_EXPIRY, at(1_800_000_000L))
                .verify(SignedRequest.of("/images/small/photo.jpg", "exp=1893456000&sig=" + sig, "photo.jpg", "small"));
        assertTrue(verdict.isValid(), verdict::reason);
    }

    @Test
    void flexibleOptionsWithSecondKey() {
        String sig = "9fc2bb9f86f46ea7e0050051a9500ab4229838fef5a3a5e0862e3ec66d098263";
        String path = "/images/width=400,quality=80/photo.jpg";
        KeyRing secondOnly = KeyRing.of(SigningKey.of("second-key"));
        UrlSigner signer = new UrlSigner(secondOnly, SigningScheme.PATH_AND_QUERY, at(1_800_000_000L));

        assertEquals(sig, signer.signature(path + "?exp=1893456000"));
        assertEquals(path + "?exp=1893456000&sig=" + sig, signer.sign(path, Instant.ofEpochSecond(1893456000L)));

        // verified both alone and as the older key of a ring
        KeyRing rotated = KeyRing.of(SigningKey.of(DEMO_KEY), SigningKey.of("second-key"));
        for (KeyRing keys : new KeyRing[] {secondOnly, rotated}) {
            Verdict verdict = SignatureVerifier.of(keys, SigningScheme.PATH_AND_QUERY, at(1_800_000_000L))
                    .verify(SignedRequest.of(path, "exp=1893456000&sig=" + sig));
            assertTrue(verdict.isValid(), verdict::reason);
        }
    }
}
