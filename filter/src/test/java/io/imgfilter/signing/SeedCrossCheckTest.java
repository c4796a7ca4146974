package io.imgfilter.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the JavaScript of the seed documents with Node and checks that our verifier accepts what it
 * produces: the Worker of seeds/002 (WebCrypto, URLSearchParams) and the Node.js function of
 * seeds/003 ({@code crypto.createHmac}). Skipped when {@code node} is not on the PATH.
 */
class SeedCrossCheckTest {

    private static final String KEY = "cross-check-key-0123456789abcdef0123";
    private static final long ONE_DAY = 60 * 60 * 24;

    /** seeds/002 without its comments, KEY taken from the environment, called for each URL given. */
    private static final String SEED_002 = """
            const KEY = process.env.SEED_SIGNING_KEY;
            const EXPIRATION = 60 * 60 * 24; // 1 day
            const bufferToHex = (buffer) =>
            [...new Uint8Array(buffer)]
            .map((x) => x.toString(16).padStart(2, "0"))
            .join("");
            async function generateSignedUrl(url) {
            const encoder = new TextEncoder();
            const secretKeyData = encoder.encode(KEY);
            const key = await crypto.subtle.importKey(
            "raw",
            secretKeyData,
            { name: "HMAC", hash: "SHA-256" },
            false,
            ["sign"]
            );
            const expiry = Math.floor(Date.now() / 1000) + EXPIRATION;
            url.searchParams.set("exp", expiry);
            const stringToSign = url.pathname + "?" + url.searchParams.toString();
            const mac = await crypto.subtle.sign(
            "HMAC",
            key,
            encoder.encode(stringToSign)
            );
            const sig = bufferToHex(new Uint8Array(mac).buffer);
            url.searchParams.set("sig", sig);
            return new Response(url);
            }
            (async () => {
              for (const u of process.argv.slice(2)) {
                console.log(await (await generateSignedUrl(new URL(u))).text());
              }
            })().catch((e) => { console.error(e); process.exit(1); });
            """;

    /** seeds/003, the Node.js generateSignature, called for (imageId, variant, expiry) triples. */
    private static final String SEED_003 = """
            const crypto = require('crypto');
            function generateSignature(imageId, variant, expiry, signingKey) {
              const stringToSign = `${imageId}${variant}${expiry}`;
              return crypto
                .createHmac('sha256', signingKey)
                .update(stringToSign)
                .digest('hex');
            }
            const args = process.argv.slice(2);
            for (let i = 0; i < args.length; i += 3) {
              console.log(generateSignature(args[i], args[i + 1], Number(args[i + 2]), process.env.SEED_SIGNING_KEY));
            }
            """;

    private static Optional<Path> node;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void findNode() {
        node = findOnPath("node");
    }

    @Test
    void seed002WorkerUrlsVerify() throws Exception {
        Assumptions.assumeTrue(node.isPresent(), "node is not on the PATH: skipping the cross-check with seed 002");
        List<String> inputs = List.of(
                "https://example.com/images/small/cat%20one.jpg",
                "https://example.com/images/small/cat.jpg",
                "https://example.com/shop/images/medium/2024/cat%20one.jpg",
                "https://example.com/images/width=400,quality=80/photo.jpg",
                "https://example.com/images/small/caf%C3%A9.jpg",
                "https://example.com/images/small/a.jpg?foo=1",
                "https://example.com/images/small/a.jpg?name=a%20b&w=300");
        List<String> signed = runNode(SEED_002, inputs);
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
        Assumptions.assumeTrue(node.isPresent(), "node is not on the PATH: skipping the cross-check with seed 003");
        long exp = 1_893_456_000L;
        String[][] images = {{"photo.jpg", "small"}, {"2024/cat one.jpg", "medium"}, {"chat-été.jpg", "large"},
                {"a.jpg", "width=400,quality=80"}};
        List<String> args = new ArrayList<>();
        for (String[] image : images) {
            args.addAll(List.of(image[0], image[1], Long.toString(exp)));
        }
        List<String> signatures = runNode(SEED_003, args);
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

    private List<String> runNode(String script, List<String> args) throws IOException, InterruptedException {
        Path file = tempDir.resolve("seed.js");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(node.orElseThrow().toString(), file.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(tempDir.resolve("stderr.txt").toFile())
                .redirectOutput(tempDir.resolve("stdout.txt").toFile());
        Map<String, String> env = builder.environment();
        env.put("SEED_SIGNING_KEY", KEY);
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("node did not finish within 30s");
        }
        String stderr = Files.readString(tempDir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), () -> "node failed: " + stderr);
        return Files.readAllLines(tempDir.resolve("stdout.txt"), StandardCharsets.UTF_8);
    }

    private static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
