package io.imgfilter.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.imgfilter.concurrent.DaemonThreads;
import io.imgfilter.render.Deadline;
import io.imgfilter.render.RenderBusyException;
import io.imgfilter.render.RenderTimeoutException;
import io.imgfilter.render.RenderedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where rendered variants come from: memory (Caffeine, weighed by bytes), then the optional disk
 * cache, then the optional {@link ResultStore} shared by every node, then a render on a bounded
 * pool. One lookup per key at a time: concurrent requests for the same variant share its future,
 * so they read the disk or the store, or render, once. A variant read from the store is written to
 * the disk; a rendered one to the disk and, asynchronously, to the store. A full queue is {@link RenderBusyException}, and every
 * render has a deadline that counts from the request; failures are never cached here (see
 * {@link FailureMemory} for remembering them briefly).
 */
public final class RenderCache implements AutoCloseable {

    /** Renders one variant; should give up once its deadline has passed. */
    @FunctionalInterface
    public interface Renderer {
        /** Whatever it throws reaches the caller of {@link #get} unchanged. */
        RenderedImage render(Deadline deadline) throws Exception;
    }

    /** Where a variant came from, for this request. */
    public enum Origin {
        /** Held in memory. */
        MEMORY,
        /** Read from the disk cache. */
        DISK,
        /** Read from the result store that the nodes share. */
        STORE,
        /** Rendered for this request. */
        RENDERED,
        /** Rendered for a concurrent request for the same variant, which this one waited for. */
        SHARED;

        public boolean isHit() {
            return this == MEMORY || this == DISK || this == STORE;
        }
    }

    /** A variant and where it came from. */
    public record Lookup(RenderedImage image, Origin origin) {
    }

    /**
     * A render's result or its failure. Futures always complete normally with one of these: a
     * future completed exceptionally makes Caffeine log a stack trace for every failed render.
     */
    private record Outcome(RenderedImage image, Exception failure, Origin origin, String sourcePath) {
    }

    /** What {@link #purge} removed: the variants, by bare ETag, and the tiers they were removed from. */
    public record Purged(Set<String> variants, int memory, int disk, int store) {
    }

    private static final int ENTRY_OVERHEAD = 160;

    private final AsyncCache<String, Outcome> memory;
    private final DiskCache disk;
    private final ResultStore store;
    private final ThreadPoolExecutor pool;
    private final long deadlineNanos;

    /**
     * @param maxMemoryBytes bytes of rendered images kept in memory; 0 keeps none (renders are
     *                       still shared between concurrent requests)
     * @param disk           the second tier, or null
     * @param threads        renders running at once
     * @param queueSize      renders waiting at most; more are refused as busy
     * @param deadline       how long a request waits for its render, queueing included
     */
    public RenderCache(long maxMemoryBytes, DiskCache disk, int threads, int queueSize, Duration deadline, String name) {
        this(maxMemoryBytes, disk, null, threads, queueSize, deadline, name);
    }

    /**
     * As above, with {@code store} as the third tier (null for none), closed with this cache.
     */
    public RenderCache(long maxMemoryBytes, DiskCache disk, ResultStore store, int threads, int queueSize, Duration deadline,
            String name) {
        this.disk = disk;
        this.store = store;
        this.deadlineNanos = deadline.toNanos();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueSize),
                new DaemonThreads("imgfilter-render-" + name), new ThreadPoolExecutor.AbortPolicy());
        this.pool.allowCoreThreadTimeOut(true);
        this.memory = Caffeine.newBuilder()
                .maximumWeight(maxMemoryBytes)
                .weigher((String key, Outcome outcome) -> outcome.image() == null ? ENTRY_OVERHEAD
                        : outcome.image().data().length + 2 * key.length() + ENTRY_OVERHEAD)
                .executor(Runnable::run) // maintenance is cheap; keep it off the render pool
                .buildAsync();
    }

    /** True when the variant can be answered without rendering: it is in memory or on disk. */
    public boolean holds(String key) {
        CompletableFuture<Outcome> cached = memory.getIfPresent(key);
        if (cached != null && cached.isDone() && cached.join().image() != null) {
            return true;
        }
        return disk != null && disk.contains(key);
    }

    /**
     * @throws RenderBusyException    the queue is full
     * @throws RenderTimeoutException the render did not finish within the deadline
     * @throws Exception              whatever the renderer threw
     */
    public Lookup get(String key, Renderer renderer) throws Exception {
        return get(VariantKey.local(key), renderer);
    }

    /**
     * As {@link #get(String, Renderer)} for {@code variant.etag()}; the shared store is asked too
     * when the variant names its source path.
     */
    public Lookup get(VariantKey variant, Renderer renderer) throws Exception {
        String key = variant.etag();
        CompletableFuture<Outcome> cached = memory.getIfPresent(key);
        if (cached != null && cached.isDone()) {
            Outcome outcome = cached.join();
            if (outcome.image() != null) {
                return new Lookup(outcome.image(), Origin.MEMORY);
            }
            memory.asMap().remove(key, cached); // a failure that its waiters have seen
        }
        Deadline deadline = Deadline.at(System.nanoTime() + deadlineNanos);
        boolean[] started = {false};
        CompletableFuture<Outcome> future;
        try {
            future = memory.get(key, (k, executor) -> {
                started[0] = true;
                return CompletableFuture.supplyAsync(() -> produce(variant, renderer, deadline), pool);
            });
        } catch (RejectedExecutionException e) {
            throw new RenderBusyException();
        }
        Outcome outcome;
        try {
            outcome = future.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new RenderTimeoutException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderBusyException();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a render future failed", e.getCause()); // produce() never fails
        }
        if (outcome.failure() != null) {
            memory.asMap().remove(key, future); // failures are never served again
            throw outcome.failure();
        }
        Origin origin = !started[0] ? Origin.SHARED : outcome.origin();
        return new Lookup(outcome.image(), origin);
    }

    private Outcome produce(VariantKey variant, Renderer renderer, Deadline deadline) {
        String key = variant.etag();
        try {
            if (disk != null) {
                Optional<RenderedImage> stored = disk.get(key);
                if (stored.isPresent()) {
                    return new Outcome(stored.get(), null, Origin.DISK, variant.sourcePath());
                }
            }
            boolean shared = store != null && variant.sourcePath() != null;
            if (shared) {
                Optional<RenderedImage> stored = store.get(variant, deadline);
                if (stored.isPresent()) {
                    if (disk != null) {
                        disk.put(key, variant.sourcePath(), stored.get());
                    }
                    return new Outcome(stored.get(), null, Origin.STORE, variant.sourcePath());
                }
            }
            RenderedImage image = renderer.render(deadline);
            if (disk != null) {
                disk.put(key, variant.sourcePath(), image);
            }
            if (shared) {
                store.put(variant, image); // asynchronous: never delays the answer
            }
            return new Outcome(image, null, Origin.RENDERED, variant.sourcePath());
        } catch (Exception e) {
            return new Outcome(null, e, Origin.RENDERED, null);
        } catch (OutOfMemoryError e) {
            return new Outcome(null, new RenderBusyException(e), Origin.RENDERED, null);
        }
    }

    /**
     * Removes every variant of one original from memory, from the disk cache and from the shared
     * store. Memory is scanned entry by entry (it holds at most {@code cache-size} bytes); a
     * variant being rendered right now is not removed and may still be written. Variants that
     * were looked up by ETag alone (served stale while the origin failed) are not known by their
     * original in memory and stay until evicted.
     *
     * @param sourcePath the decoded source path, e.g. {@code 2024/café.jpg}
     * @throws IOException the store could not be listed or an object not deleted; memory and
     *                     disk have been purged by then
     */
    public Purged purge(String sourcePath) throws IOException {
        Set<String> variants = new HashSet<>();
        int fromMemory = 0;
        for (Map.Entry<String, CompletableFuture<Outcome>> entry : memory.asMap().entrySet()) {
            CompletableFuture<Outcome> future = entry.getValue();
            if (future.isDone() && sourcePath.equals(future.join().sourcePath())
                    && memory.asMap().remove(entry.getKey(), future)) {
                variants.add(StoreKeys.bareEtag(entry.getKey()));
                fromMemory++;
            }
        }
        int fromDisk = 0;
        if (disk != null) {
            for (String key : disk.purge(sourcePath)) {
                variants.add(StoreKeys.bareEtag(key));
                fromDisk++;
            }
        }
        int fromStore = 0;
        if (store != null) {
            Set<String> stored = store.purge(sourcePath);
            variants.addAll(stored);
            fromStore = stored.size();
        }
        return new Purged(Set.copyOf(variants), fromMemory, fromDisk, fromStore);
    }

    public int queueDepth() {
        return pool.getQueue().size();
    }

    public int activeRenders() {
        return pool.getActiveCount();
    }

    public long memoryBytes() {
        return memory.synchronous().policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    public long diskBytes() {
        return disk == null ? 0 : disk.size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        if (store != null) {
            store.close();
        }
    }
}
