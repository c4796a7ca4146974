package io.imgfilter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The JavaScript of the seed documents, run with Node: the Worker of seeds/002 (WebCrypto,
 * URLSearchParams) and the Node.js function of seeds/003 ({@code crypto.createHmac}). Tests
 * that use them are skipped where {@code node} is missing, except in CI (CI set), where a
 * missing Node is a failure: the cross-check must run there.
 */
public final class SeedScripts {

    /** seeds/002 without its comments, KEY taken from the environment, called for each URL given. */
    public static final String SEED_002 = """
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
    public static final String SEED_003 = """
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

    private SeedScripts() {
    }

    /** The node executable; skips the calling test where there is none, fails in CI. */
    public static Path requireNode() {
        Optional<Path> node = findOnPath("node");
        if (node.isEmpty() && System.getenv("CI") != null) {
            fail("node is not on the PATH in CI: .ci/run must install it");
        }
        Assumptions.assumeTrue(node.isPresent(), "node is not on the PATH: skipping the cross-check with the seed's JavaScript");
        return node.get();
    }

    /** Runs {@code script} with {@code args}, the key in SEED_SIGNING_KEY, and returns its output lines. */
    public static List<String> run(Path workDir, String script, String key, List<String> args) throws IOException, InterruptedException {
        Path node = requireNode();
        Path file = workDir.resolve("seed.js");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(node.toString(), file.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(workDir.resolve("stderr.txt").toFile())
                .redirectOutput(workDir.resolve("stdout.txt").toFile());
        Map<String, String> env = builder.environment();
        env.put("SEED_SIGNING_KEY", key);
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("node did not finish within 30s");
        }
        String stderr = Files.readString(workDir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), () -> "node failed: " + stderr);
        return Files.readAllLines(workDir.resolve("stdout.txt"), StandardCharsets.UTF_8);
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
