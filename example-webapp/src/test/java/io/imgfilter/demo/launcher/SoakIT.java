package io.imgfilter.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.HostileFiles;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded soak against the real demo on loopback (launched with {@code -Xmx256m}, or
 * {@code -Dsoak.heap}): cached hits, cold renders, bad and expired tokens, traversal attempts,
 * broken originals and the hostile originals of {@link HostileFiles} (a scan bomb, a very tall PNG,
 * metadata bombs, WebP without image data or with garbage, large legal photos), mixed, for a
 * fixed time ({@code -Dsoak.seconds}, 20 by default; the README gives a longer run). Asserts that
 * no request got a 500, cached hits kept answering 200 all along, every other good request was
 * served or got 503 (busy, never an error), each hostile original got its status, no
 * OutOfMemoryError was logged, and neither the thread count nor the heap (after a full GC) grew
 * between the warm-up and the end. Prints its figures.
 */
class SoakIT {

    enum Kind {
        CACHED_HIT, COLD_RENDER, BAD_TOKEN, EXPIRED_TOKEN, TRAVERSAL, BROKEN_IMAGE, NOT_AN_IMAGE,
        SCAN_BOMB, TALL_PNG, TEXT_CHUNKS, LINE_CONTAIN, WEBP_HEADER_ONLY, WEBP_GARBAGE, WEBP_12MP, WEBP_7000, JPEG_48MP, GIF_HUGE
    }

    /** What each hostile original may answer: its one status, or a render's 200 or 503. */
    static final Map<Kind, List<Integer>> HOSTILE = Map.of(
            Kind.SCAN_BOMB, List.of(413), Kind.TALL_PNG, List.of(200, 503), Kind.TEXT_CHUNKS, List.of(200, 503),
            Kind.LINE_CONTAIN, List.of(400), Kind.WEBP_HEADER_ONLY, List.of(422), Kind.WEBP_GARBAGE, List.of(422),
            Kind.WEBP_12MP, List.of(200, 503), Kind.WEBP_7000, List.of(200, 503), Kind.JPEG_48MP, List.of(200, 503),
            Kind.GIF_HUGE, List.of(413));

    static final List<String> TRAVERSALS = List.of(
            "/images/thumb/..%2f..%2fWEB-INF%2fweb.xml", "/images/thumb/%2e%2e/%2e%2e/etc/passwd",
            "/images/thumb/%252e%252e/x.jpg", "/images/thumb/photo0.jpg%00.png", "/images/thumb/.hidden.jpg",
            "/images/thumb/a%c0%af..%c0%afb.jpg", "/images/thumb/C:%5cboot.ini");

    /** How long cached hits took while the rest went on: they must not wait for the renders. */
    static final java.util.Queue<Long> HIT_MILLIS = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @TempDir
    Path tmp;

    @Test
    void mixedHostileLoadLeavesTheDemoHealthy() throws Exception {
        int seconds = Integer.getInteger("soak.seconds", 20);
        Path originals = Files.createDirectories(tmp.resolve("originals"));
        for (int i = 0; i < 6; i++) {
            Files.write(originals.resolve("photo" + i + ".jpg"), photo(1600, 1067, i));
        }
        byte[] broken = photo(800, 600, 9);
        Files.write(originals.resolve("broken.jpg"), java.util.Arrays.copyOf(broken, broken.length / 3));
        Files.writeString(originals.resolve("notes.jpg"), "not an image");
        Files.write(originals.resolve("scan-bomb.jpg"), HostileFiles.scanBombJpeg(4096, 20_000));
        Files.write(originals.resolve("tall.png"), HostileFiles.uniformGreyPng(10, 4_999_999, 128));
        Files.write(originals.resolve("text-chunks.png"), HostileFiles.textChunkBombPng(1_500_000));
        Files.write(originals.resolve("line.png"), HostileFiles.uniformGreyPng(1, 100_000, 90));
        Files.write(originals.resolve("header-only.webp"), HostileFiles.webpHeaderOnly(7000, 7000));
        Files.write(originals.resolve("garbage.webp"), HostileFiles.webpGarbageLossless(7000, 7000, 64, 42));
        Files.write(originals.resolve("photo-12mp.webp"), HostileFiles.lossyWebp(4000, 3000, 80));
        Files.write(originals.resolve("solid-7000.webp"), HostileFiles.webpSolidLossless(7000, 7000, 0xFF3366CC));
        Files.write(originals.resolve("grey-48mp.jpg"), HostileFiles.largeGreyJpeg(8000, 6000));
        Files.write(originals.resolve("huge.gif"), HostileFiles.gifDeclaring(65535, 65535));
        String heap = System.getProperty("soak.heap", "256m");

        try (DemoProcess demo = DemoProcess.start(Map.of("PORT", "0", "IMAGE_SIGNING_KEY", DemoLauncherIT.SIGNING_KEY,
                "IMAGE_ORIGINALS_DIR", originals.toString()), Files.createDirectories(tmp.resolve("jvm")), List.of("-Xmx" + heap))) {
            URI base = demo.baseUri();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();

            Map<Kind, Map<Integer, LongAdder>> statuses = new ConcurrentHashMap<>();
            run(client, base, Duration.ofSeconds(5), statuses); // warm-up: JIT, caches, pools
            long threadsBefore = JvmProbe.threads(demo.pid());
            long heapBefore = JvmProbe.heapAfterGc(demo.pid());
            statuses.clear();
            HIT_MILLIS.clear();

            Instant start = Instant.now();
            long requests = run(client, base, Duration.ofSeconds(seconds), statuses);
            double elapsed = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            long threadsAfter = JvmProbe.threads(demo.pid());
            long heapAfter = JvmProbe.heapAfterGc(demo.pid());

            Map<String, Map<Integer, Long>> table = new TreeMap<>();
            statuses.forEach((kind, counts) -> {
                Map<Integer, Long> row = new TreeMap<>();
                counts.forEach((status, count) -> row.put(status, count.sum()));
                table.put(kind.name(), row);
            });
            List<Long> hits = new ArrayList<>(HIT_MILLIS);
            java.util.Collections.sort(hits);
            System.out.printf("soak -Xmx%s: %d requests in %.1f s (%.0f/s); threads %d -> %d; heap after GC %d -> %d MB;"
                    + " cached hits median %d ms, 99th percentile %d ms, max %d ms; statuses %s%n",
                    heap, requests, elapsed, requests / elapsed, threadsBefore, threadsAfter, heapBefore >> 20, heapAfter >> 20,
                    percentile(hits, 50), percentile(hits, 99), percentile(hits, 100), table);

            assertFalse(demo.output().contains("OutOfMemoryError"), demo::output);
            table.forEach((kind, row) -> row.keySet().forEach(status ->
                    assertTrue(status < 500 || status == 503, kind + " got " + status + ": " + table)));
            assertEquals(Map.of(200, table.get("CACHED_HIT").values().stream().mapToLong(Long::longValue).sum()), table.get("CACHED_HIT"),
                    "cached hits keep answering during the attack");
            assertTrue(List.of(200, 503).containsAll(table.get("COLD_RENDER").keySet()), table::toString);
            long coldServed = table.get("COLD_RENDER").getOrDefault(200, 0L);
            long cold = table.get("COLD_RENDER").values().stream().mapToLong(Long::longValue).sum();
            assertTrue(coldServed * 10 >= cold * 8, "most good cold renders were served: " + table.get("COLD_RENDER"));
            HOSTILE.forEach((kind, allowed) -> assertTrue(allowed.containsAll(table.getOrDefault(kind.name(), Map.of()).keySet()),
                    kind + ": " + table.get(kind.name())));
            assertEquals(List.of(403), List.copyOf(table.get("BAD_TOKEN").keySet()));
            assertEquals(List.of(403), List.copyOf(table.get("EXPIRED_TOKEN").keySet()));
            assertTrue(table.get("TRAVERSAL").keySet().stream().allMatch(s -> s == 400 || s == 404), table::toString);
            assertEquals(List.of(422), List.copyOf(table.get("BROKEN_IMAGE").keySet()));
            assertEquals(List.of(415), List.copyOf(table.get("NOT_AN_IMAGE").keySet()));
            assertTrue(threadsAfter <= threadsBefore + 8, "threads grew: " + threadsBefore + " -> " + threadsAfter);
            assertTrue(heapAfter <= heapBefore + (48L << 20), "heap grew: " + (heapBefore >> 20) + " -> " + (heapAfter >> 20) + " MB");
        }
    }

    /** Four clients for the given time; returns how many requests were made. */
    private static long run(HttpClient client, URI base, Duration time, Map<Kind, Map<Integer, LongAdder>> statuses) throws Exception {
        long end = System.nanoTime() + time.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Long>> done = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            done.add(clients.submit(() -> {
                long count = 0;
                while (System.nanoTime() < end) {
                    Kind kind = Kind.values()[ThreadLocalRandom.current().nextInt(Kind.values().length)];
                    long sent = System.nanoTime();
                    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(base.resolve(path(kind)))
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (kind == Kind.CACHED_HIT) {
                        HIT_MILLIS.add((System.nanoTime() - sent) / 1_000_000);
                    }
                    statuses.computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
                            .computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
                    count++;
                }
                return count;
            }));
        }
        long total = 0;
        for (Future<Long> future : done) {
            total += future.get(time.toSeconds() + 120, TimeUnit.SECONDS);
        }
        clients.shutdown();
        return total;
    }

    private static String path(Kind kind) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String photo = "photo" + random.nextInt(6) + ".jpg";
        return switch (kind) {
            case CACHED_HIT -> "/images/thumb/photo0.jpg";
            case COLD_RENDER -> DemoLauncherIT.SIGNER.sign("/images/width=" + (100 + random.nextInt(900)) + "/" + photo, Duration.ofMinutes(10));
            case BAD_TOKEN -> DemoLauncherIT.SIGNER.sign("/images/small/" + photo, Duration.ofMinutes(10)).replace("/small/", "/large/");
            case EXPIRED_TOKEN -> DemoLauncherIT.SIGNER.sign("/images/small/" + photo, Instant.now().minusSeconds(3600));
            case TRAVERSAL -> TRAVERSALS.get(random.nextInt(TRAVERSALS.size()));
            case BROKEN_IMAGE -> "/images/thumb/broken.jpg";
            case NOT_AN_IMAGE -> "/images/thumb/notes.jpg";
            case SCAN_BOMB -> "/images/thumb/scan-bomb.jpg";
            case TALL_PNG -> "/images/thumb/tall.png";
            case TEXT_CHUNKS -> "/images/thumb/text-chunks.png";
            case LINE_CONTAIN -> DemoLauncherIT.SIGNER.sign("/images/width=1000,fit=contain/line.png", Duration.ofMinutes(10));
            case WEBP_HEADER_ONLY -> "/images/thumb/header-only.webp";
            case WEBP_GARBAGE -> "/images/thumb/garbage.webp";
            // distinct widths: each is a new render, not a hit
            case WEBP_12MP -> DemoLauncherIT.SIGNER.sign("/images/width=" + (200 + random.nextInt(800)) + "/photo-12mp.webp", Duration.ofMinutes(10));
            case WEBP_7000 -> DemoLauncherIT.SIGNER.sign("/images/width=" + (200 + random.nextInt(800)) + "/solid-7000.webp", Duration.ofMinutes(10));
            case JPEG_48MP -> DemoLauncherIT.SIGNER.sign("/images/width=" + (600 + random.nextInt(400)) + "/grey-48mp.jpg", Duration.ofMinutes(10));
            case GIF_HUGE -> "/images/thumb/huge.gif";
        };
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percent / 100.0) - 1));
    }

    private static byte[] photo(int width, int height, int seed) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(20 * seed % 255, 90, 160), width, height, new Color(240, 200 - 10 * seed, 80)));
        g.fillRect(0, 0, width, height);
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(random.nextInt(0xFFFFFF)));
            g.fillOval(random.nextInt(width), random.nextInt(height), 5 + random.nextInt(60), 5 + random.nextInt(60));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
