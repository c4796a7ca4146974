package io.imgfilter;

import io.imgfilter.request.SourcePathParser;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The counters of one filter instance: incremented on the request path with {@link LongAdder}s
 * (no lock, no contention between request threads), read through JMX or
 * {@link ImageResizingFilter#statistics()}.
 */
public final class ImageFilterStatistics implements ImageFilterStatisticsMXBean {

    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final LongAdder renders = new LongAdder();
    private final LongAdder renderNanos = new LongAdder();
    private final LongAdder notModified = new LongAdder();
    private final LongAdder servedStale = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> rejections = new ConcurrentHashMap<>();
    private volatile IntSupplier queueDepth = () -> 0;
    private volatile IntSupplier activeRenders = () -> 0;
    private volatile LongSupplier memoryCacheBytes = () -> 0;
    private volatile LongSupplier diskCacheBytes = () -> 0;
    private volatile LongSupplier renderMemoryBytes = () -> 0;
    private volatile LongSupplier renderMemoryBudgetBytes = () -> 0;
    private volatile Purger purger = path -> {
        throw new IllegalStateException("the filter is not running");
    };
    /** Distinct reasons kept at most: a message may carry a number, and a client chooses it. */
    static final int MAX_REASONS = 100;

    void cacheHit() {
        cacheHits.increment();
    }

    void cacheMiss() {
        cacheMisses.increment();
    }

    void rendered(long nanos) {
        renders.increment();
        renderNanos.add(nanos);
    }

    void notModified() {
        notModified.increment();
    }

    void servedStale() {
        servedStale.increment();
    }

    void rejected(int status, String message) {
        String reason = status + " " + message;
        LongAdder count = rejections.get(reason);
        if (count == null) {
            count = rejections.size() < MAX_REASONS ? rejections.computeIfAbsent(reason, k -> new LongAdder())
                    : rejections.computeIfAbsent(status + " (other reasons)", k -> new LongAdder());
        }
        count.increment();
    }

    /** Removes the variants of one decoded source path, already checked; returns how many. */
    @FunctionalInterface
    interface Purger {
        int purge(String sourcePath) throws IOException;
    }

    void purger(Purger purger) {
        this.purger = purger;
    }

    @Override
    public int purge(String sourcePath) throws IOException {
        String checked;
        try {
            checked = SourcePathParser.parseDecoded(sourcePath).decoded();
        } catch (SourcePathParser.UnsafePathException e) {
            throw new IllegalArgumentException("not a source path the filter accepts: " + e.getMessage());
        }
        return purger.purge(checked);
    }

    void renderMemory(LongSupplier usedBytes, LongSupplier budgetBytes) {
        this.renderMemoryBytes = usedBytes;
        this.renderMemoryBudgetBytes = budgetBytes;
    }

    void gauges(IntSupplier queueDepth, IntSupplier activeRenders, LongSupplier memoryCacheBytes, LongSupplier diskCacheBytes) {
        this.queueDepth = queueDepth;
        this.activeRenders = activeRenders;
        this.memoryCacheBytes = memoryCacheBytes;
        this.diskCacheBytes = diskCacheBytes;
    }

    @Override
    public long getCacheHits() {
        return cacheHits.sum();
    }

    @Override
    public long getCacheMisses() {
        return cacheMisses.sum();
    }

    @Override
    public long getRenders() {
        return renders.sum();
    }

    @Override
    public long getRenderMillisTotal() {
        return renderNanos.sum() / 1_000_000;
    }

    @Override
    public double getRenderMillisAverage() {
        long count = renders.sum();
        return count == 0 ? 0 : renderNanos.sum() / 1e6 / count;
    }

    @Override
    public long getServedStale() {
        return servedStale.sum();
    }

    @Override
    public long getNotModified() {
        return notModified.sum();
    }

    @Override
    public Map<String, Long> getRejections() {
        Map<String, Long> copy = new TreeMap<>();
        rejections.forEach((reason, count) -> copy.put(reason, count.sum()));
        return copy;
    }

    @Override
    public int getQueueDepth() {
        return queueDepth.getAsInt();
    }

    @Override
    public int getActiveRenders() {
        return activeRenders.getAsInt();
    }

    @Override
    public long getMemoryCacheBytes() {
        return memoryCacheBytes.getAsLong();
    }

    @Override
    public long getDiskCacheBytes() {
        return diskCacheBytes.getAsLong();
    }

    @Override
    public long getRenderMemoryBytes() {
        return renderMemoryBytes.getAsLong();
    }

    @Override
    public long getRenderMemoryBudgetBytes() {
        return renderMemoryBudgetBytes.getAsLong();
    }

    @Override
    public String toString() {
        return "hits=" + getCacheHits() + " misses=" + getCacheMisses() + " renders=" + getRenders()
                + " avgRenderMs=" + String.format(java.util.Locale.ROOT, "%.1f", getRenderMillisAverage())
                + " notModified=" + getNotModified() + " rejections=" + getRejections();
    }
}
