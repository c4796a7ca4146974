package io.imgfilter.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.SeedScripts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the JavaScript of the seed documents with Node and checks that our verifier accepts what it
 * produces: the Worker of seeds/002 (WebCrypto, URLSearchParams) and the Node.js function of
 * seeds/003 ({@code crypto.createHmac}). Skipped when {@code node} is not on the PATH, except in CI.
 */
class SeedCrossCheckTest {

    private static final String KEY = "cross-check-key-0123456789abcdef0123";
    private static final long ONE_DAY = 60 * 60 * 24;

    @TempDir
    Path tempDir;

    @Test
    void seed002WorkerUrlsVerify() throws Exception {
        List<String> inputs = List.of(
                "https://example.com/images/small/cat%20one.jpg",
                "https://example.com/images/small/cat.jpg",
                "https://example.com/shop/images/medium/2024/cat%20one.jpg",
                "https://example.com/images/width=400,quality=80/photo.jpg",
                "https://example.com/images/small/caf%C3%A9.jpg",
                "https://example.com/images/small/a.jpg?foo=1",
                "https://example.com/images/small/a.jpg?name=a%20b&w=300");
        List<String> signed = SeedScripts.run(tempDir, SeedScripts.SEED_002, KEY, inputs);
        assertEquals(inputs.size(), signed.size(), signed.toString());

        KeyRing keys = KeyRing.of(SigningKey.of(KEY));
        for (int i = 0; i < signed.size(); i++) {
            URI url = URI.create(signed.get(i));
            long exp = Long.parseLong(url.getRawQuery().replaceAll(".*(?:^|&)exp=([0-9]+).*", "$1"));
            Clock issuedAt = Clock.fixed(Instant.ofEpochSecond(exp - ONE_DAY), ZoneOffset.UTC);

            Verdict verdict = SignatureVerifier.of(keys, SigningScheme.PATH_AND_QUERY, issuedAt)
                    .verify(SignedRequest.of(url.getRawPath(), url.getRawQuery()));
            assertTrue(verdict.isValid(), signed.get(i) + ": " + verdict.reason());

            // where URLSearchParams leaves the query as it was, our signer writes the very same URL
            URI input = URI.create(inputs.get(i));
            if (input.getRawQuery() == null || !input.getRawQuery().contains("%20")) {
                String pathAndQuery = input.getRawPath() + (input.getRawQuery() == null ? "" : "?" + input.getRawQuery());
                String ours = new UrlSigner(keys, SigningScheme.PATH_AND_QUERY, issuedAt)
                        .sign(pathAndQuery, Instant.ofEpochSecond(exp));
                assertEquals(url.getRawPath() + "?" + url.getRawQuery(), ours);
            }
        }
    }

    @Test
    void seed003SignaturesVerify() throws Exception {
        long exp = 1_893_456_000L;
        String[][] images = {{"photo.jpg", "small"}, {"2024/cat one.jpg", "medium"}, {"chat-été.jpg", "large"},
                {"a.jpg", "width=400,quality=80"}};
        List<String> args = new ArrayList<>();
        for (String[] image : images) {
            args.addAll(List.of(image[0], image[1], Long.toString(exp)));
        }
        List<String> signatures = SeedScripts.run(tempDir, SeedScripts.SEED_003, KEY, args);
        assertEquals(images.length, signatures.size(), signatures.toString());

        KeyRing keys = KeyRing.of(SigningKey.of(KEY));
        Clock clock = Clock.fixed(Instant.ofEpochSecond(exp - 3600), ZoneOffset.UTC);
        SignatureVerifier verifier = SignatureVerifier.of(keys, SigningScheme.IMAGE_VARIANT_EXPIRY, clock);
        UrlSigner signer = new UrlSigner(keys, SigningScheme.IMAGE_VARIANT_EXPIRY, clock);
        for (int i = 0; i < images.length; i++) {
            String imageId = images[i][0];
            String variant = images[i][1];
            assertEquals(signatures.get(i), signer.signature(imageId + variant + exp), imageId);
            Verdict verdict = verifier.verify(SignedRequest.of("/images/" + variant + "/whatever",
                    "exp=" + exp + "&sig=" + signatures.get(i), imageId, variant));
            assertTrue(verdict.isValid(), imageId + ": " + verdict.reason());
        }
    }

}
