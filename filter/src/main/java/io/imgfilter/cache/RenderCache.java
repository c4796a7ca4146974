package io.imgfilter.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.imgfilter.http.HttpProblem;
import io.imgfilter.render.RenderedImage;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where rendered variants come from: memory (Caffeine, weighed by bytes), then the optional disk
 * cache, then a render on a bounded pool. One render per key at a time: concurrent requests for
 * the same variant share its future. A full queue is {@code 503}, and every render has a
 * deadline that counts from the request; failures are never cached.
 */
public final class RenderCache implements AutoCloseable {

    /** Renders one variant; should give up (with a {@code 503}) once {@code deadlineNanos} has passed. */
    @FunctionalInterface
    public interface Renderer {
        RenderedImage render(long deadlineNanos) throws HttpProblem;
    }

    /** Where a variant came from, for this request. */
    public enum Origin {
        /** Held in memory. */
        MEMORY,
        /** Read from the disk cache. */
        DISK,
        /** Rendered for this request. */
        RENDERED,
        /** Rendered for a concurrent request for the same variant, which this one waited for. */
        SHARED;

        public boolean isHit() {
            return this == MEMORY || this == DISK;
        }
    }

    /** A variant and where it came from. */
    public record Lookup(RenderedImage image, Origin origin) {
    }

    private static final System.Logger LOG = System.getLogger(RenderCache.class.getName());
    private static final int ENTRY_OVERHEAD = 160;

    private final AsyncCache<String, RenderedImage> memory;
    private final DiskCache disk;
    private final ThreadPoolExecutor pool;
    private final long deadlineNanos;

    /**
     * @param maxMemoryBytes bytes of rendered images kept in memory; 0 keeps none (renders are
     *                       still shared between concurrent requests)
     * @param disk           the second tier, or null
     * @param threads        renders running at once
     * @param queueSize      renders waiting at most; more are refused with 503
     * @param deadline       how long a request waits for its render, queueing included
     */
    public RenderCache(long maxMemoryBytes, DiskCache disk, int threads, int queueSize, Duration deadline, String name) {
        this.disk = disk;
        this.deadlineNanos = deadline.toNanos();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueSize),
                daemonThreads("imgfilter-render-" + name), new ThreadPoolExecutor.AbortPolicy());
        this.pool.allowCoreThreadTimeOut(true);
        this.memory = Caffeine.newBuilder()
                .maximumWeight(maxMemoryBytes)
                .weigher((String key, RenderedImage image) -> image.data().length + 2 * key.length() + ENTRY_OVERHEAD)
                .executor(Runnable::run) // maintenance is cheap; keep it off the render pool
                .buildAsync();
    }

    public Lookup get(String key, Renderer renderer) throws HttpProblem {
        CompletableFuture<RenderedImage> cached = memory.getIfPresent(key);
        if (cached != null && cached.isDone()) {
            if (!cached.isCompletedExceptionally()) {
                return new Lookup(cached.join(), Origin.MEMORY);
            }
            // Caffeine drops a failed future itself, but only after its waiters have woken up.
            memory.asMap().remove(key, cached);
        }
        long deadline = System.nanoTime() + deadlineNanos;
        // Written by the render thread, read after its future completes (which orders the two).
        Origin[] origin = {Origin.SHARED};
        CompletableFuture<RenderedImage> future;
        try {
            future = memory.get(key, (k, executor) -> {
                origin[0] = Origin.RENDERED;
                return CompletableFuture.supplyAsync(() -> produce(k, renderer, deadline, origin), pool);
            });
        } catch (RejectedExecutionException e) {
            throw new HttpProblem(503, "busy, try again shortly");
        }
        try {
            RenderedImage image = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Lookup(image, origin[0]);
        } catch (TimeoutException e) {
            throw new HttpProblem(503, "render timed out, try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpProblem(503, "busy, try again shortly");
        } catch (CancellationException e) {
            throw new HttpProblem(503, "busy, try again shortly");
        } catch (ExecutionException e) {
            memory.asMap().remove(key, future); // failures are never served again
            throw unwrap(e.getCause());
        }
    }

    private RenderedImage produce(String key, Renderer renderer, long deadline, Origin[] origin) {
        try {
            if (disk != null) {
                Optional<RenderedImage> stored = disk.get(key);
                if (stored.isPresent()) {
                    origin[0] = Origin.DISK;
                    return stored.get();
                }
            }
            RenderedImage image = renderer.render(deadline);
            if (disk != null) {
                disk.put(key, image);
            }
            return image;
        } catch (HttpProblem problem) {
            throw new CompletionException(problem);
        }
    }

    private static HttpProblem unwrap(Throwable cause) {
        Throwable failure = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (failure instanceof HttpProblem problem) {
            return problem;
        }
        if (failure instanceof RejectedExecutionException) {
            return new HttpProblem(503, "busy, try again shortly");
        }
        LOG.log(System.Logger.Level.ERROR, "imgfilter: render failed", failure);
        return new HttpProblem(500, "internal error");
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
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
