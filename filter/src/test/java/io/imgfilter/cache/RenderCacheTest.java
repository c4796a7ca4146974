package io.imgfilter.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.http.HttpProblem;
import io.imgfilter.render.RenderBusyException;
import io.imgfilter.render.RenderTimeoutException;
import io.imgfilter.render.RenderedImage;
import io.imgfilter.request.OutputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCacheTest {

    private static RenderedImage image(int size) {
        return new RenderedImage(new byte[size], OutputFormat.PNG, 1, 1);
    }

    @Test
    void concurrentRequestsForOneVariantShareOneRender() throws Exception {
        try (RenderCache cache = new RenderCache(1 << 20, null, 2, 16, Duration.ofSeconds(10), "t")) {
            AtomicInteger renders = new AtomicInteger();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            RenderCache.Renderer slow = deadline -> {
                renders.incrementAndGet();
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return image(100);
            };
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<RenderCache.Lookup>> lookups = new ArrayList<>();
            lookups.add(clients.submit(() -> cache.get("k", slow)));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 7; i++) {
                lookups.add(clients.submit(() -> cache.get("k", slow)));
            }
            // the seven latecomers are waiting on the same future once it is released
            release.countDown();
            RenderedImage first = lookups.get(0).get(10, TimeUnit.SECONDS).image();
            for (Future<RenderCache.Lookup> lookup : lookups) {
                assertSame(first, lookup.get(10, TimeUnit.SECONDS).image());
            }
            assertEquals(1, renders.get());
            assertEquals(RenderCache.Origin.MEMORY, cache.get("k", slow).origin());
            clients.shutdownNow();
        }
    }

    @Test
    void aFullQueueIsRefusedAsBusy() throws Exception {
        try (RenderCache cache = new RenderCache(0, null, 1, 1, Duration.ofSeconds(10), "t")) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            RenderCache.Renderer blocking = deadline -> {
                running.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return image(1);
            };
            ExecutorService clients = Executors.newFixedThreadPool(2);
            Future<?> first = clients.submit(() -> cache.get("a", blocking)); // runs
            assertTrue(running.await(10, TimeUnit.SECONDS));
            Future<?> second = clients.submit(() -> cache.get("b", blocking)); // queued
            while (cache.queueDepth() < 1) {
                Thread.onSpinWait();
            }
            assertThrows(RenderBusyException.class, () -> cache.get("c", blocking)); // refused
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
            clients.shutdownNow();
        }
    }

    /** A store in memory that counts its reads and writes, slow to read. */
    private static final class CountingStore implements ResultStore {
        final java.util.Map<String, RenderedImage> objects = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicInteger gets = new AtomicInteger();
        final AtomicInteger puts = new AtomicInteger();

        @Override
        public java.util.Optional<RenderedImage> get(VariantKey key, io.imgfilter.render.Deadline deadline) {
            gets.incrementAndGet();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return java.util.Optional.ofNullable(objects.get(key.etag()));
        }

        @Override
        public void put(VariantKey key, RenderedImage image) {
            puts.incrementAndGet();
            objects.put(key.etag(), image);
        }

        @Override
        public java.util.Set<String> purge(String sourcePath) {
            return java.util.Set.of();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void concurrentMissesReadTheStoreOnceAndRendersAreWrittenThrough() throws Exception {
        CountingStore store = new CountingStore();
        RenderedImage stored = image(7);
        store.objects.put("\"s\"", stored);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try (RenderCache cache = new RenderCache(1 << 20, null, store, 2, 16, Duration.ofSeconds(10), "t")) {
            AtomicInteger renders = new AtomicInteger();
            RenderCache.Renderer renderer = deadline -> {
                renders.incrementAndGet();
                return image(5);
            };
            List<Future<RenderCache.Lookup>> lookups = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                lookups.add(clients.submit(() -> cache.get(new VariantKey("\"s\"", "photo.jpg"), renderer)));
            }
            for (Future<RenderCache.Lookup> lookup : lookups) {
                assertSame(stored, lookup.get(10, TimeUnit.SECONDS).image());
            }
            assertEquals(1, store.gets.get(), "one read of the store for concurrent misses");
            assertEquals(0, renders.get());
            assertEquals(RenderCache.Origin.MEMORY, cache.get(new VariantKey("\"s\"", "photo.jpg"), renderer).origin());

            RenderCache.Lookup rendered = cache.get(new VariantKey("\"r\"", "photo.jpg"), renderer);
            assertEquals(RenderCache.Origin.RENDERED, rendered.origin());
            assertSame(rendered.image(), store.objects.get("\"r\""), "a render is written to the store");
            assertEquals(2, store.gets.get());

            cache.get("\"local\"", renderer); // no source path: the store is not asked
            assertEquals(2, store.gets.get());
            assertEquals(1, store.puts.get());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aStoreHitIsReportedAsStore() throws Exception {
        CountingStore store = new CountingStore();
        store.objects.put("\"s\"", image(7));
        try (RenderCache cache = new RenderCache(1 << 20, null, store, 1, 4, Duration.ofSeconds(10), "t")) {
            RenderCache.Lookup lookup = cache.get(new VariantKey("\"s\"", "a.jpg"), deadline -> image(5));
            assertEquals(RenderCache.Origin.STORE, lookup.origin());
            assertTrue(lookup.origin().isHit());
            assertEquals("store", io.imgfilter.http.Responses.serverTiming(lookup.origin(), 1_000_000).split(";")[0]);
        }
    }

    @Test
    void aRenderPastItsDeadlineTimesOut() throws Exception {
        try (RenderCache cache = new RenderCache(1 << 20, null, 1, 4, Duration.ofMillis(200), "t")) {
            CountDownLatch release = new CountDownLatch(1);
            assertThrows(RenderTimeoutException.class, () -> cache.get("k", deadline -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return image(1);
            }));
            release.countDown();
        }
    }

    @Test
    void failuresAreNotCached() throws Exception {
        try (RenderCache cache = new RenderCache(1 << 20, null, 1, 4, Duration.ofSeconds(10), "t")) {
            AtomicInteger attempts = new AtomicInteger();
            RenderCache.Renderer failing = deadline -> {
                attempts.incrementAndGet();
                throw new HttpProblem(422, "corrupt or unreadable image");
            };
            assertEquals(422, assertThrows(HttpProblem.class, () -> cache.get("k", failing)).status());
            assertEquals(422, assertThrows(HttpProblem.class, () -> cache.get("k", failing)).status());
            assertEquals(2, attempts.get());
            assertEquals(RenderCache.Origin.RENDERED, cache.get("k", deadline -> image(3)).origin());
        }
    }

    @Test
    void memoryIsBoundedByBytes() throws Exception {
        try (RenderCache cache = new RenderCache(10_000, null, 1, 4, Duration.ofSeconds(10), "t")) {
            for (int i = 0; i < 50; i++) {
                cache.get("k" + i, deadline -> image(1000));
            }
            assertTrue(cache.memoryBytes() <= 10_000, "held " + cache.memoryBytes());
        }
    }

    @Test
    void anOutOfMemoryErrorInARenderIsBusyForThatRequestOnly() throws Exception {
        try (RenderCache cache = new RenderCache(1 << 20, null, 1, 4, Duration.ofSeconds(10), "t")) {
            RenderBusyException busy = assertThrows(RenderBusyException.class, () -> cache.get("k", deadline -> {
                throw new OutOfMemoryError("Java heap space");
            }));
            assertTrue(busy.getCause() instanceof OutOfMemoryError);
            assertEquals(RenderCache.Origin.RENDERED, cache.get("k", deadline -> image(3)).origin(), "nothing was cached");
            assertEquals(RenderCache.Origin.RENDERED, cache.get("other", deadline -> image(3)).origin(), "the pool still renders");
        }
    }

    @Test
    void theDiskTierServesAfterMemoryIsGone(@TempDir Path directory) throws Exception {
        DiskCache disk = new DiskCache(directory, 1 << 20);
        try (RenderCache first = new RenderCache(0, disk, 1, 4, Duration.ofSeconds(10), "t")) {
            assertEquals(RenderCache.Origin.RENDERED, first.get("k", deadline -> image(42)).origin());
        }
        try (RenderCache restarted = new RenderCache(0, new DiskCache(directory, 1 << 20), 1, 4, Duration.ofSeconds(10), "t")) {
            RenderCache.Lookup lookup = restarted.get("k", deadline -> {
                throw new AssertionError("must come from disk");
            });
            assertEquals(RenderCache.Origin.DISK, lookup.origin());
            assertEquals(42, lookup.image().data().length);
        }
        assertTrue(Files.isDirectory(directory.resolve("tmp")));
    }
}
