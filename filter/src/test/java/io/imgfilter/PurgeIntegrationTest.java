package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.cli.SigningCli;
import io.imgfilter.http.CacheTags;
import io.imgfilter.source.origin.SigV4Signer;
import io.imgfilter.testing.JettyHarness;
import io.imgfilter.testing.S3ProxyServer;
import io.imgfilter.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Purging every variant of one original: through the filter's MBean (memory, disk and the store
 * of this node) and through the jar's {@code purge} command (the store only), against S3Proxy,
 * which verifies every SigV4 signature of the listings and DELETEs.
 */
class PurgeIntegrationTest {

    static final String BUCKET = "purged";
    static final String PREFIX = "variants";
    static final String CAFE = "2024/café terrace.jpg";
    static final String CAFE_URL = "2024/caf%C3%A9%20terrace.jpg";
    static final SigV4Signer STORE_SIGNER = new SigV4Signer(S3ProxyServer.ACCESS_KEY_ID, S3ProxyServer.SECRET_KEY, null,
            S3ProxyServer.REGION, "s3", Clock.systemUTC());

    @TempDir
    static Path work;

    static S3ProxyServer s3;
    static JettyHarness node;
    static ObjectName mbean;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(work);
        s3.createBucket(BUCKET);
        Path originals = Files.createDirectories(work.resolve("originals"));
        Files.write(originals.resolve("photo.jpg"), TestImages.jpeg(640, 480));
        Files.write(originals.resolve("other.jpg"), TestImages.jpeg(640, 480));
        Files.createDirectories(originals.resolve("2024"));
        Files.write(originals.resolve(CAFE), TestImages.jpeg(800, 600));
        System.setProperty("imgfilter.test.purge.key-id", S3ProxyServer.ACCESS_KEY_ID);
        System.setProperty("imgfilter.test.purge.secret", S3ProxyServer.SECRET_KEY);
        Map<String, String> params = new HashMap<>();
        params.put("source", originals.toString());
        params.put("presets", "small: width=300");
        params.put("flexible-options", "true");
        params.put("server-timing", "true");
        params.put("cache-directory", work.resolve("disk").toString());
        params.put("result-store", "s3://" + BUCKET + "/" + PREFIX);
        params.put("result-store-endpoint", s3.endpoint());
        params.put("result-store-access-key-id", "${sys:imgfilter.test.purge.key-id}");
        params.put("result-store-secret-access-key", "${sys:imgfilter.test.purge.secret}");
        node = JettyHarness.start("", false, context -> JettyHarness.addFilter(context, "purging", "/images/*", params));
        mbean = new ObjectName("io.imgfilter:type=ImageResizingFilter,context=" + ObjectName.quote("/")
                + ",name=" + ObjectName.quote("purging"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {node, s3}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        System.clearProperty("imgfilter.test.purge.key-id");
        System.clearProperty("imgfilter.test.purge.secret");
    }

    @Test
    void theMBeanPurgesEveryVariantOfOneOriginalFromMemoryDiskAndStore() throws Exception {
        HttpResponse<byte[]> first = get("/images/width=200/" + CAFE_URL, "render");
        HttpResponse<byte[]> second = get("/images/small/" + CAFE_URL, "render");
        HttpResponse<byte[]> other = get("/images/width=200/photo.jpg", "render");
        awaitObject(CAFE, first);
        awaitObject(CAFE, second);
        String otherKey = awaitObject("photo.jpg", other);
        get("/images/width=200/" + CAFE_URL, "memory");
        long renders = renders();

        assertEquals(2, purge(CAFE), "two variants of the café terrace");

        List<String> keys = listKeys();
        assertFalse(keys.stream().anyMatch(k -> k.startsWith(PREFIX + "/" + CacheTags.of(CAFE) + "/")), keys.toString());
        assertTrue(keys.contains(otherKey), "the other original's variant stays in the store");
        // neither memory, nor disk, nor the store: rendered again
        get("/images/width=200/" + CAFE_URL, "render");
        get("/images/small/" + CAFE_URL, "render");
        assertEquals(renders + 2, renders());
        get("/images/width=200/photo.jpg", "memory");
        assertEquals(renders + 2, renders());

        assertEquals(0, purge("2024/nothing here.jpg"));
        for (String refused : new String[] {"../photo.jpg", "/photo.jpg", "2024//photo.jpg", ".hidden.jpg", ""}) {
            RuntimeMBeanException thrown = assertThrows(RuntimeMBeanException.class, () -> purge(refused), refused);
            assertInstanceOf(IllegalArgumentException.class, thrown.getCause(), refused);
        }
    }

    @Test
    void theCommandPurgesTheStoreOnly() throws Exception {
        HttpResponse<byte[]> rendered = get("/images/width=150/other.jpg", "render");
        String key = awaitObject("other.jpg", rendered);
        Map<String, String> env = Map.of("STORE_ID", S3ProxyServer.ACCESS_KEY_ID, "STORE_SECRET", S3ProxyServer.SECRET_KEY);
        String[] purge = {"purge", "--store", "s3://" + BUCKET + "/" + PREFIX, "--endpoint", s3.endpoint(),
            "--region", S3ProxyServer.REGION, "--access-key-env", "STORE_ID", "--secret-key-env", "STORE_SECRET",
            "other.jpg"};

        Cli wrong = cli(Map.of("STORE_ID", S3ProxyServer.ACCESS_KEY_ID, "STORE_SECRET", "not-the-secret"), purge);
        assertEquals(1, wrong.code, wrong.toString());
        assertTrue(listKeys().contains(key), "a refused listing deletes nothing");
        assertFalse(wrong.err.contains("not-the-secret"), wrong.err);

        Cli done = cli(env, purge);
        assertEquals(0, done.code, done.toString());
        assertEquals("purged 1 variant of other.jpg from s3://" + BUCKET + "/" + PREFIX, done.out.strip());
        assertFalse(listKeys().contains(key), "the object is deleted");
        assertFalse(done.out.contains(S3ProxyServer.SECRET_KEY) || done.err.contains(S3ProxyServer.SECRET_KEY));
        // this node's memory still holds it: the command reaches the store, not the nodes
        get("/images/width=150/other.jpg", "memory");

        Cli missing = cli(Map.of(), "purge", "--store", "s3://" + BUCKET, "--endpoint", s3.endpoint(), "other.jpg");
        assertEquals(2, missing.code);
        assertTrue(missing.err.contains("IMAGE_RESULT_STORE_ACCESS_KEY_ID"), missing.err);
        Cli unsafe = cli(env, "purge", "--store", "s3://" + BUCKET, "--endpoint", s3.endpoint(),
            "--access-key-env", "STORE_ID", "--secret-key-env", "STORE_SECRET", "../other.jpg");
        assertEquals(2, unsafe.code);
        assertTrue(unsafe.err.contains("not a source path the filter accepts"), unsafe.err);
        Cli signingOption = cli(env, "purge", "--store", "s3://" + BUCKET, "--ttl", "1h", "other.jpg");
        assertEquals(2, signingOption.code);
        assertTrue(signingOption.err.contains("--ttl does not apply to purge"), signingOption.err);
    }

    private record Cli(int code, String out, String err) {
    }

    private static Cli cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SigningCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static int purge(String sourcePath) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return (Integer) server.invoke(mbean, "purge", new Object[] {sourcePath}, new String[] {String.class.getName()});
    }

    private static long renders() throws Exception {
        return ((Number) ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, "Renders")).longValue();
    }

    private static HttpResponse<byte[]> get(String path, String expectedTiming) throws Exception {
        HttpResponse<byte[]> response = node.get(path);
        assertEquals(200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8) + "\n" + s3.log());
        String timing = response.headers().firstValue("Server-Timing").orElseThrow();
        assertTrue(timing.startsWith(expectedTiming + ";dur="), path + ": expected " + expectedTiming + ", got " + timing);
        return response;
    }

    /** Waits for the asynchronous PUT; returns the object's key. */
    private static String awaitObject(String sourcePath, HttpResponse<byte[]> response) throws Exception {
        String etag = response.headers().firstValue("ETag").orElseThrow();
        return s3.awaitKey(BUCKET, PREFIX + "/" + CacheTags.of(sourcePath) + "/" + etag.substring(1, etag.length() - 1), STORE_SIGNER);
    }

    private static List<String> listKeys() throws Exception {
        return s3.keys(BUCKET, STORE_SIGNER);
    }
}
