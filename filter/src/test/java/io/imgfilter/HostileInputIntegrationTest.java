package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imgfilter.testing.HostileFiles;
import io.imgfilter.testing.JettyHarness;
import io.imgfilter.testing.LogCapture;
import io.imgfilter.testing.TestImages;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import javax.imageio.ImageIO;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile originals of the bounded-render work, each made here byte by byte, through a real
 * Jetty and the public {@code thumb} preset a hostile user needs no token for. Every answer is
 * checked for its status and its short text, for no OutOfMemoryError anywhere in the filter's
 * log, and for no render thread still busy a second after the answer.
 */
class HostileInputIntegrationTest {

    private static final String THUMB = "thumb: width=150,height=150,fit=cover,public";

    @TempDir
    static Path root;
    static JettyHarness strict;
    static JettyHarness lax;
    static LogCapture log;

    @BeforeAll
    static void start() throws Exception {
        Path originals = Files.createDirectories(root.resolve("originals"));
        write(originals, "scan-bomb.jpg", HostileFiles.scanBombJpeg(4096, 20_000));
        write(originals, "scan-bomb-2000.jpg", HostileFiles.scanBombJpeg(4096, 2_000));
        write(originals, "tall-grey.png", HostileFiles.uniformGreyPng(10, 4_999_999, 128));
        write(originals, "text-chunks.png", HostileFiles.textChunkBombPng(1_500_000));
        write(originals, "ztxt.png", HostileFiles.compressedTextBombPng(512L << 20));
        write(originals, "line-tall.png", HostileFiles.uniformGreyPng(1, 100_000, 90));
        write(originals, "line-wide.png", HostileFiles.uniformGreyPng(100_000, 1, 90));
        write(originals, "header-only.webp", HostileFiles.webpHeaderOnly(7000, 7000));
        write(originals, "garbage-vp8l.webp", HostileFiles.webpGarbageLossless(7000, 7000, 64, 42));
        write(originals, "solid-7000.webp", HostileFiles.webpSolidLossless(7000, 7000, 0xFF3366CC));
        write(originals, "photo-12mp.webp", HostileFiles.lossyWebp(4000, 3000, 80));
        write(originals, "huge.gif", HostileFiles.gifDeclaring(65535, 65535));
        write(originals, "huge.jpg", TestImages.jpegDeclaring(TestImages.jpeg(64, 64), 60_000, 60_000));
        write(originals, "grey-48mp.jpg", HostileFiles.largeGreyJpeg(8000, 6000));
        write(originals, "comments.jpg", HostileFiles.commentBombJpeg(TestImages.jpeg(640, 480), 300));
        byte[] photo = TestImages.jpeg(800, 600);
        write(originals, "photo.jpg", photo);
        write(originals, "truncated.jpg", java.util.Arrays.copyOf(photo, photo.length / 3));
        write(originals, "notes.jpg", "not an image".getBytes(StandardCharsets.UTF_8));

        strict = JettyHarness.start("/strict", false, c -> JettyHarness.addFilter(c, "images", "/images/*", Map.of(
                "source", originals.toString(), "presets", THUMB, "flexible-options", "true",
                "render-memory", "256MB")));
        // scans allowed, a short render time: what happens to a decoder that runs out of time
        lax = JettyHarness.start("/lax", false, c -> JettyHarness.addFilter(c, "images", "/images/*", Map.of(
                "source", originals.toString(), "presets", THUMB, "flexible-options", "true",
                "max-source-scans", "10000", "render-timeout", "1s")));
        log = LogCapture.of("io.imgfilter");
    }

    private static void write(Path dir, String name, byte[] content) throws Exception {
        Files.write(dir.resolve(name), content);
    }

    @AfterAll
    static void stop() throws Exception {
        if (log != null) {
            log.close();
        }
        if (strict != null) {
            strict.close();
        }
        if (lax != null) {
            lax.close();
        }
    }

    @AfterEach
    void noOutOfMemoryErrorAndNoRenderStillRunning() throws Exception {
        for (LogRecord record : log.records()) {
            String text = record.getMessage() + " " + record.getThrown();
            assertFalse(text.contains("OutOfMemoryError"), "logged: " + text);
        }
        awaitIdle(strict, "/strict");
        awaitIdle(lax, "/lax");
    }

    @Test
    void aProgressiveJpegWithThousandsOfScansIsRefusedFromItsStructure() throws Exception {
        HttpResponse<byte[]> refused = get(strict, "/strict/images/thumb/scan-bomb.jpg");
        assertProblem(413, "more than 100 scans", refused);
        assertProblem(413, "more than 100 scans", get(strict, "/strict/images/width=300/scan-bomb.jpg"));
    }

    @Test
    void aDecoderPastItsDeadlineFreesItsThreadAndTheFailureIsRememberedForThatVariant() throws Exception {
        // 2 000 scans of 4096x4096: some 40 s of the JDK decoder, stopped at its next read
        HttpResponse<byte[]> late = get(lax, "/lax/images/width=2000/scan-bomb-2000.jpg");
        assertProblem(503, "", late);
        assertEquals("1", late.headers().firstValue("Retry-After").orElse(""), () -> late.headers().map().toString());
        awaitIdle(lax, "/lax");

        long misses = attribute("/lax", "CacheMisses");
        assertProblem(503, "", get(lax, "/lax/images/width=2000/scan-bomb-2000.jpg"));
        assertEquals(misses, attribute("/lax", "CacheMisses"), "the repeat was answered from the failure memory");

        // a thumbnail of the same file decodes only the DC scan, which takes no time
        HttpResponse<byte[]> thumb = get(lax, "/lax/images/thumb/scan-bomb-2000.jpg");
        assertEquals(200, thumb.statusCode(), () -> text(thumb));
        assertEquals(150, TestImages.decode(thumb.body()).getWidth());
    }

    @Test
    void aCoverCropOfAVeryTallImageDecodesOnlyItsMiddle() throws Exception {
        HttpResponse<byte[]> thumb = get(strict, "/strict/images/thumb/tall-grey.png");
        assertEquals(200, thumb.statusCode(), () -> text(thumb));
        BufferedImage image = TestImages.decode(thumb.body());
        assertEquals(150, image.getWidth());
        assertEquals(150, image.getHeight());
        int grey = image.getRGB(75, 75) & 0xFF;
        assertTrue(Math.abs(grey - 128) <= 2, "the middle of the image: " + grey);
    }

    @Test
    void metadataBombsAreSkippedNotRead() throws Exception {
        List<HttpResponse<byte[]>> answers = concurrently(List.of(
                "/strict/images/width=50/text-chunks.png", "/strict/images/width=60/text-chunks.png",
                "/strict/images/width=100/ztxt.png", "/strict/images/width=100/comments.jpg"));
        for (HttpResponse<byte[]> answer : answers) {
            assertEquals(200, answer.statusCode(), () -> answer.uri() + ": " + text(answer));
        }
        assertEquals(60, TestImages.decode(answers.get(1).body()).getWidth());
    }

    @Test
    void everyFitOfAOnePixelLineStaysWithinTheOutputLimits() throws Exception {
        assertProblem(400, "height 100000000 over the limit of 2000", get(strict, "/strict/images/width=1000,fit=contain/line-tall.png"));
        assertProblem(400, "width 100000000 over the limit of 2000", get(strict, "/strict/images/height=1000,fit=contain/line-wide.png"));
        for (String fit : List.of("cover", "pad", "crop", "scale-down")) {
            HttpResponse<byte[]> answer = get(strict, "/strict/images/width=50,fit=" + fit + "/line-tall.png");
            assertTrue(answer.statusCode() == 200 || answer.statusCode() == 400, () -> fit + ": " + answer.statusCode() + " " + text(answer));
            if (answer.statusCode() == 200) {
                BufferedImage image = TestImages.decode(answer.body());
                assertTrue(image.getWidth() <= 2000 && image.getHeight() <= 2000, fit + ": " + image.getWidth() + "x" + image.getHeight());
            } else {
                assertTrue(text(answer).contains("over the limit of 2000"), text(answer));
            }
        }
        // the failure is the variant's, not the original's: a small variant still works
        HttpResponse<byte[]> small = get(strict, "/strict/images/height=100/line-tall.png");
        assertEquals(200, small.statusCode(), () -> text(small));
        assertEquals(100, TestImages.decode(small.body()).getHeight());
    }

    @Test
    void webpWithoutImageDataOrWithGarbageIsCorrupt() throws Exception {
        assertProblem(422, "", get(strict, "/strict/images/thumb/header-only.webp"));
        assertProblem(422, "", get(strict, "/strict/images/thumb/garbage-vp8l.webp"));
    }

    @Test
    void largeButLegalWebpImagesAreServed() throws Exception {
        assumeTrue(ImageIO.getImageWritersByMIMEType("image/webp").hasNext(), "libwebp is available here");
        HttpResponse<byte[]> photo = get(strict, "/strict/images/thumb/photo-12mp.webp");
        assertEquals(200, photo.statusCode(), () -> text(photo));
        assertEquals(150, TestImages.decode(photo.body()).getWidth());
        HttpResponse<byte[]> solid = get(strict, "/strict/images/width=700,format=png/solid-7000.webp");
        assertEquals(200, solid.statusCode(), () -> text(solid));
        BufferedImage image = TestImages.decode(solid.body());
        assertEquals(700, image.getWidth());
        assertEquals(0x3366CC, image.getRGB(350, 350) & 0xFFFFFF, "the solid colour");
    }

    @Test
    void headersDeclaringHugeImagesAreRefusedBeforeDecoding() throws Exception {
        assertProblem(413, "image too large", get(strict, "/strict/images/thumb/huge.gif"));
        assertProblem(413, "image too large", get(strict, "/strict/images/thumb/huge.jpg"));
    }

    @Test
    void concurrentRendersOfALargePhotoGetAnImageOrBusyNeverAnError() throws Exception {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            paths.add("/strict/images/width=" + (1000 + i) + "/grey-48mp.jpg");
        }
        Map<Integer, Integer> statuses = new HashMap<>();
        for (HttpResponse<byte[]> answer : concurrently(paths)) {
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() == 200) {
                String width = answer.uri().getPath().replaceAll(".*width=(\\d+).*", "$1");
                assertEquals(Integer.parseInt(width), TestImages.decode(answer.body()).getWidth());
            }
        }
        assertTrue(Set.of(200, 503).containsAll(statuses.keySet()), statuses::toString);
        assertTrue(statuses.getOrDefault(200, 0) > 0, "some are served: " + statuses);
        awaitIdle(strict, "/strict");
        assertEquals(0, attribute("/strict", "RenderMemoryBytes"), "every reservation was given back");
    }

    @Test
    void aConditionalRequestDoesNotSkipTheChecks() throws Exception {
        assertProblem(422, "", get(strict, "/strict/images/thumb/truncated.jpg", "If-None-Match", "*"));
        assertProblem(415, "", get(strict, "/strict/images/thumb/notes.jpg", "If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT"));
        assertProblem(413, "", get(strict, "/strict/images/thumb/huge.gif", "If-None-Match", "*"));
        assertEquals(304, get(strict, "/strict/images/thumb/photo.jpg", "If-None-Match", "*").statusCode(), "a servable original");
    }

    // ---------------------------------------------------------------- helpers

    private static HttpResponse<byte[]> get(JettyHarness jetty, String path, String... headers) throws Exception {
        return jetty.get(path, headers);
    }

    private static List<HttpResponse<byte[]>> concurrently(List<String> paths) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(paths.size());
        try {
            List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
            for (String path : paths) {
                futures.add(clients.submit(() -> strict.get(path)));
            }
            List<HttpResponse<byte[]>> answers = new ArrayList<>();
            for (Future<HttpResponse<byte[]>> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            clients.shutdownNow();
        }
    }

    /** A short text answer with this status that says what went wrong, and nothing internal. */
    private static void assertProblem(int status, String contains, HttpResponse<byte[]> answer) {
        String text = text(answer);
        assertEquals(status, answer.statusCode(), () -> answer.uri() + ": " + text);
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), text);
        assertTrue(text.length() < 200, "short: " + text);
        assertTrue(text.contains(contains), () -> "'" + text + "' names '" + contains + "'");
        for (String internal : List.of("Exception", "at io.", root.toString())) {
            assertFalse(text.contains(internal), () -> text + " shows " + internal);
        }
    }

    private static String text(HttpResponse<byte[]> answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    /** No render thread busy within a second of the last answer. */
    private static void awaitIdle(JettyHarness jetty, String context) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long active;
        while ((active = attribute(context, "ActiveRenders")) > 0 && System.nanoTime() < until) {
            Thread.sleep(10); // polled: the render thread needs the CPU more
        }
        assertEquals(0, active, context + ": a render thread is still busy a second after the answer");
    }

    private static long attribute(String context, String name) throws Exception {
        ObjectName mbean = new ObjectName("io.imgfilter:type=ImageResizingFilter,context=" + ObjectName.quote(context)
                + ",name=" + ObjectName.quote("images"));
        return ((Number) ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, name)).longValue();
    }
}
