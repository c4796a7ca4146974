package io.imgfilter.source.origin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.render.MemoryBudget;
import io.imgfilter.request.SourcePath;
import io.imgfilter.request.SourcePathParser;
import io.imgfilter.source.OriginException;
import io.imgfilter.source.Original;
import io.imgfilter.source.OriginalTooLargeException;
import io.imgfilter.source.SourceBusyException;
import io.imgfilter.source.SourceVersion;
import io.imgfilter.testing.TestOrigin;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP origin source against a real origin on loopback, with a clock the test steps: large
 * originals cost one download and then 304s, downloads take their bytes from the render memory
 * budget, failures of the origin carry the last confirmed version for stale-if-error, and a
 * storm of slow, large and failing answers leaves no memory reserved, no heap held and no
 * connection open.
 */
class OriginUnderLoadTest {

    private static final int MB = 1 << 20;
    private static final Duration STALE_IF_ERROR = Duration.ofHours(1);

    private TestOrigin origin;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<HttpOriginSource> sources = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        origin = TestOrigin.start();
    }

    @AfterEach
    void stop() throws Exception {
        sources.forEach(HttpOriginSource::close);
        origin.close();
    }

    private HttpOriginSource source(long cacheBytes, MemoryBudget memory, Duration timeout, int connections) {
        OriginOptions options = new OriginOptions(Duration.ofSeconds(1), timeout, connections, 32L * MB, cacheBytes, false,
                STALE_IF_ERROR);
        HttpOriginSource source = HttpOriginSource.http(HttpBaseUrl.parse(origin.url()), OriginHeaders.NONE, options, null,
                memory, now::get);
        sources.add(source);
        return source;
    }

    private void step(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    private static SourcePath path(String path) {
        try {
            return SourcePathParser.parse(path);
        } catch (SourcePathParser.UnsafePathException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Bytes served as image/jpeg with an ETag, answering If-None-Match with 304. */
    private static TestOrigin.Behaviour image(byte[] bytes, String etag) {
        return (request, response) -> {
            response.setHeader("ETag", etag);
            if (etag.equals(request.getHeader("If-None-Match"))) {
                response.setStatus(304);
                return;
            }
            response.setContentType("image/jpeg");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        };
    }

    private static TestOrigin.Behaviour status(int status) {
        return (request, response) -> response.sendError(status);
    }

    @Test
    void aLargeOriginalCostsOneDownloadAndThen304s() throws Exception {
        byte[] large = randomBytes(6 * MB, 1);
        origin.on("/large.jpg", image(large, "\"L1\""));
        MemoryBudget memory = new MemoryBudget(64L * MB);
        HttpOriginSource source = source(4L * MB, memory, Duration.ofSeconds(5), 4); // too large to keep its bytes

        AtomicReference<Original> downloaded = new AtomicReference<>();
        SourceVersion first = source.version(path("large.jpg"), downloaded::set).orElseThrow();
        assertNotNull(downloaded.get(), "the version check downloaded it: the bytes go to the render");
        assertArrayEquals(large, downloaded.get().content());
        assertEquals(large.length, memory.usedBytes(), "held in the render budget until the render lets go");
        downloaded.get().release();
        assertEquals(0, memory.usedBytes());

        step(Duration.ofSeconds(2));
        assertEquals(first, source.version(path("large.jpg"), original -> {
            throw new AssertionError("a 304 downloads nothing");
        }).orElseThrow());
        step(Duration.ofSeconds(2));
        assertEquals(first, source.version(path("large.jpg")).orElseThrow());

        List<TestOrigin.Received> asked = origin.received("/large.jpg");
        assertEquals(3, asked.size());
        assertNull(asked.get(0).headers().get("If-None-Match"));
        assertEquals("\"L1\"", asked.get(1).headers().get("If-None-Match"), "revalidated although its bytes are not kept");
        assertEquals("\"L1\"", asked.get(2).headers().get("If-None-Match"));
        assertEquals(1, source.cacheUsage()[0], "its validators are kept");
        assertEquals(0, source.cacheUsage()[1], "its bytes are not");

        // a render needs the bytes: not kept, so downloaded in full, not conditionally
        Original bytes = source.fetch(path("large.jpg")).orElseThrow();
        assertArrayEquals(large, bytes.content());
        bytes.release();
        assertNull(origin.received("/large.jpg").get(3).headers().get("If-None-Match"));
        assertEquals(0, memory.usedBytes());
    }

    @Test
    void aChangedOriginalIsDownloadedByItsVersionCheck() throws Exception {
        origin.on("/changing.jpg", image(randomBytes(1000, 2), "\"A\""));
        HttpOriginSource source = source(0, null, Duration.ofSeconds(5), 4);
        SourceVersion before = source.version(path("changing.jpg")).orElseThrow();
        byte[] changed = randomBytes(1200, 3);
        origin.on("/changing.jpg", image(changed, "\"B\""));
        step(Duration.ofSeconds(2));
        AtomicReference<Original> downloaded = new AtomicReference<>();
        SourceVersion after = source.version(path("changing.jpg"), downloaded::set).orElseThrow();
        assertFalse(before.tag().equals(after.tag()), "a new version: " + before + " then " + after);
        assertArrayEquals(changed, downloaded.get().content(), "the new bytes, for the render that follows");
    }

    @Test
    void failuresOfTheOriginCarryTheLastConfirmedVersion() throws Exception {
        origin.on("/photo.jpg", image(randomBytes(2000, 4), "\"P\""));
        origin.on("/other.jpg", image(randomBytes(2000, 5), "\"O\""));
        HttpOriginSource source = source(MB, null, Duration.ofSeconds(1), 4);
        SourceVersion known = source.version(path("photo.jpg")).orElseThrow();
        source.version(path("other.jpg")).orElseThrow();

        for (int status : new int[] {500, 502, 503}) {
            origin.on("/photo.jpg", status(status));
            step(Duration.ofSeconds(2));
            OriginException failure = assertThrows(OriginException.class, () -> source.version(path("photo.jpg")));
            assertEquals(502, failure.status());
            assertTrue(failure.isTransient(), status + " says nothing about the original");
            assertEquals(Optional.of(known), failure.lastKnownVersion(), "after " + status);
        }

        origin.on("/photo.jpg", (request, response) -> {
            Thread.sleep(3000);
            response.sendError(500);
        });
        step(Duration.ofSeconds(2));
        OriginException slow = assertThrows(OriginException.class, () -> source.version(path("photo.jpg")));
        assertEquals(504, slow.status());
        assertEquals(Optional.of(known), slow.lastKnownVersion(), "a timeout");

        origin.pause();
        try {
            step(Duration.ofSeconds(2));
            OriginException refused = assertThrows(OriginException.class, () -> source.version(path("photo.jpg")));
            assertEquals(Optional.of(known), refused.lastKnownVersion(), "connection refused");
            step(STALE_IF_ERROR);
            OriginException tooLate = assertThrows(OriginException.class, () -> source.version(path("photo.jpg")));
            assertEquals(Optional.empty(), tooLate.lastKnownVersion(), "past origin-stale-if-error since the last confirmation");
        } finally {
            origin.resume();
        }

        // answers about the original itself are not failures to ride out
        origin.on("/other.jpg", status(403));
        step(Duration.ofSeconds(2));
        OriginException refusedAccess = assertThrows(OriginException.class, () -> source.version(path("other.jpg")));
        assertFalse(refusedAccess.isTransient());
        assertEquals(Optional.empty(), refusedAccess.lastKnownVersion(), "a 403 is not served stale");
        origin.on("/other.jpg", status(404));
        assertEquals(Optional.empty(), source.version(path("other.jpg")), "gone is gone");
        origin.on("/other.jpg", status(503));
        step(Duration.ofSeconds(2));
        assertEquals(Optional.empty(), assertThrows(OriginException.class, () -> source.version(path("other.jpg")))
                .lastKnownVersion(), "a 404 forgot the version");
    }

    @Test
    void anOriginThatCouldNotBeReachedIsNotAskedAgainForAWhile() throws Exception {
        origin.on("/photo.jpg", image(randomBytes(2000, 9), "\"P\""));
        HttpOriginSource source = source(MB, null, Duration.ofSeconds(2), 4);
        SourceVersion known = source.version(path("photo.jpg")).orElseThrow();
        origin.pause();
        step(Duration.ofSeconds(2));
        assertThrows(OriginException.class, () -> source.version(path("photo.jpg")), "refused");
        origin.resume();
        origin.clear();

        // within the first second the origin is not asked, although it is back
        OriginException held = assertThrows(OriginException.class, () -> source.version(path("photo.jpg")));
        assertTrue(held.getMessage().startsWith("origin not asked"), held.getMessage());
        assertEquals(Optional.of(known), held.lastKnownVersion(), "stale variants are answered at once meanwhile");
        assertEquals(0, origin.received().size());

        step(OriginHealth.FIRST);
        assertEquals(known, source.version(path("photo.jpg")).orElseThrow(), "one request tries again, and succeeds");
        assertEquals(1, origin.received().size());

        // failing again and again: a second, two, four… between tries
        origin.pause();
        try {
            step(Duration.ofSeconds(2));
            assertThrows(OriginException.class, () -> source.version(path("photo.jpg")));
            step(OriginHealth.FIRST);
            assertThrows(OriginException.class, () -> source.version(path("photo.jpg"))); // tried: refused again
            step(OriginHealth.FIRST);
            OriginException waiting = assertThrows(OriginException.class, () -> source.version(path("photo.jpg")));
            assertTrue(waiting.getMessage().startsWith("origin not asked"), "the second wait is two seconds: " + waiting);
        } finally {
            origin.resume();
        }
    }

    /** The try after an outage counts as an answer once its headers arrive, not when its slow body ends. */
    @Test
    void aSlowAnswerEndsTheWaitAsSoonAsItsHeadersArrive() throws Exception {
        origin.on("/photo.jpg", image(randomBytes(2000, 11), "\"P\""));
        origin.on("/slow.jpg", (request, response) -> {
            response.setContentType("image/jpeg");
            response.setContentLength(1000);
            response.getOutputStream().write(new byte[10]);
            response.flushBuffer();
            Thread.sleep(4000); // the origin's pace
        });
        HttpOriginSource source = source(MB, null, Duration.ofSeconds(6), 4);
        source.version(path("photo.jpg")).orElseThrow();
        origin.pause();
        step(Duration.ofSeconds(2));
        assertThrows(OriginException.class, () -> source.version(path("photo.jpg")));
        origin.resume();
        step(OriginHealth.FIRST);
        java.util.concurrent.CompletableFuture<Void> slowTry = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                source.fetch(path("slow.jpg"));
            } catch (IOException e) {
                // it may time out or be cut short: only its headers matter here
            }
        });
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500); // well before the slow body ends
        Optional<SourceVersion> asked = Optional.empty();
        while (asked.isEmpty() && System.nanoTime() < end) {
            try {
                asked = source.version(path("photo.jpg"));
            } catch (OriginException notAskedYet) {
                TimeUnit.MILLISECONDS.sleep(50); // polling an observable condition
            }
        }
        assertTrue(asked.isPresent(), "the origin is asked again while the try's body is still coming");
        slowTry.get(10, TimeUnit.SECONDS);
    }

    @Test
    void downloadsTakeTheirBytesFromTheRenderBudget() throws Exception {
        origin.on("/a.jpg", image(randomBytes(5 * MB, 6), "\"a\""));
        origin.on("/b.jpg", image(randomBytes(5 * MB, 7), "\"b\""));
        origin.on("/huge.jpg", image(randomBytes(9 * MB, 8), "\"h\""));
        MemoryBudget memory = new MemoryBudget(8L * MB);
        HttpOriginSource source = source(0, memory, Duration.ofSeconds(5), 4);

        AtomicReference<Original> held = new AtomicReference<>();
        source.version(path("a.jpg"), held::set).orElseThrow();
        assertEquals(5L * MB, memory.usedBytes());
        assertThrows(SourceBusyException.class, () -> source.version(path("b.jpg")),
                "a second 5 MB download does not fit beside the first in 8 MB");
        assertEquals(5L * MB, memory.usedBytes(), "the refused download gave back what it took");
        held.get().release();
        assertTrue(source.version(path("b.jpg")).isPresent(), "fits once the first is let go");
        assertEquals(0, memory.usedBytes());

        assertThrows(OriginalTooLargeException.class, () -> source.version(path("huge.jpg")),
                "larger than the whole budget: refused from its Content-Length, before reading");
        assertEquals(0, memory.usedBytes());
    }

    /**
     * Forty-eight requests at once for large originals, bodies that announce 20 MB and drip a
     * byte every 100 ms, server errors with a body, dropped and unannounced bodies. Afterwards
     * nothing stays reserved in the budget, the heap after a full collection is back where it
     * was, no answer is still being written to a connection nobody reads, and what remains open
     * is the client's idle keep-alive connections, at most origin-max-connections.
     */
    @Test
    void aStormOfSlowLargeAndFailingAnswersLeavesNothingBehind() throws Exception {
        for (int i = 0; i < 8; i++) {
            origin.on("/large/" + i + ".jpg", image(randomBytes(4 * MB, 10 + i), "\"large" + i + "\""));
        }
        origin.on("/drip.jpg", (request, response) -> {
            response.setContentType("image/jpeg");
            response.setContentLengthLong(20L * MB);
            OutputStream out = response.getOutputStream();
            try {
                for (int i = 0; i < 600; i++) {
                    out.write(0xFF);
                    out.flush();
                    Thread.sleep(100); // the origin's pace, not the test's synchronisation
                }
            } catch (IOException gone) {
                // the filter gave up on the answer, as it should
            }
        });
        origin.on("/fail.jpg", (request, response) -> {
            response.setStatus(500);
            response.setContentType("text/plain");
            response.getOutputStream().write(new byte[64 * 1024]);
        });
        origin.on("/drop.jpg", (request, response) -> {
            response.setContentType("image/jpeg");
            response.setContentLength(MB);
            response.getOutputStream().write(new byte[100_000]);
            response.flushBuffer();
            TestOrigin.dropConnection(request);
        });
        origin.on("/unannounced.jpg", (request, response) -> {
            response.setContentType("image/jpeg");
            OutputStream out = response.getOutputStream();
            for (int i = 0; i < 48; i++) {
                out.write(new byte[64 * 1024]);
                out.flush();
            }
        });
        MemoryBudget memory = new MemoryBudget(24L * MB);
        HttpOriginSource source = source(0, memory, Duration.ofSeconds(2), 16);
        source.version(path("large/0.jpg")).orElseThrow(); // warm the client and its pool
        long baseline = heapAfterGc();

        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            paths.add(switch (i % 6) {
                case 0, 1 -> "large/" + (i % 8) + ".jpg";
                case 2 -> "drip.jpg";
                case 3 -> "fail.jpg";
                case 4 -> "drop.jpg";
                default -> "unannounced.jpg";
            });
        }
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(24);
        List<Future<?>> done = new ArrayList<>();
        for (String path : paths) {
            done.add(clients.submit(() -> {
                String outcome;
                try {
                    Optional<Original> fetched = source.fetch(path(path));
                    fetched.ifPresent(Original::release);
                    outcome = "ok";
                } catch (OriginException e) {
                    outcome = String.valueOf(e.status());
                } catch (SourceBusyException e) {
                    outcome = "busy";
                } catch (OriginalTooLargeException e) {
                    outcome = "too large";
                } catch (IOException e) {
                    outcome = "unexpected " + e;
                }
                outcomes.computeIfAbsent(path.replaceAll("/\\d", "") + " " + outcome, k -> new LongAdder()).increment();
            }));
        }
        for (Future<?> future : done) {
            future.get(30, TimeUnit.SECONDS); // 48 requests, at most 16 at once, each within 2 s of its turn
        }
        clients.shutdown();

        assertTrue(outcomes.keySet().stream().noneMatch(k -> k.contains("unexpected")), outcomes::toString);
        assertTrue(outcomes.keySet().stream().filter(k -> k.startsWith("drip")).allMatch(k -> k.endsWith("504")),
                outcomes::toString);
        assertTrue(outcomes.containsKey("large.jpg ok"), "large originals were served: " + outcomes);
        assertEquals(0, memory.usedBytes(), "nothing stays reserved: " + outcomes);
        // an abandoned answer's connection is closed: the drips (8 answers of 60 s) end at once
        assertTrue(awaitAtMost(origin::answering, 0, Duration.ofSeconds(10)),
                "answers the origin is still writing after the storm: " + origin.answering());
        // what stays open is idle keep-alive connections of the client's pool, fewer than the
        // origin-max-connections that could be busy at once
        assertTrue(origin.openConnections() <= 16, "connections open to the origin after the storm: " + origin.openConnections());
        long after = heapAfterGc();
        assertTrue(after <= baseline + 12L * MB, "heap after GC " + (baseline >> 20) + " MB before the storm, "
                + (after >> 20) + " MB after: " + outcomes);
    }

    /** Waits, with a deadline, until the count falls to {@code atMost}; true when it did. */
    private static boolean awaitAtMost(java.util.function.IntSupplier count, int atMost, Duration deadline)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (count.getAsInt() > atMost) {
            if (System.nanoTime() > end) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling an observable condition, not waiting for time to pass
        }
        return true;
    }

    private static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
