package io.imgfilter.render;

import java.util.concurrent.TimeUnit;

/**
 * Heap that renders may use at once. Each render reserves its estimated working memory before
 * any pixel is decoded, and waits (until its deadline) while others hold the budget: the filter
 * runs inside the host's JVM, where an OutOfMemoryError is not an image problem but can take the
 * whole webapp down. A render larger than the whole budget is refused at once.
 */
public final class MemoryBudget {

    private final long totalBytes;
    private long usedBytes;
    private int waiting;

    /** @param totalBytes heap that renders may hold at once, at least 1 MB */
    public MemoryBudget(long totalBytes) {
        if (totalBytes < (1 << 20)) {
            throw new IllegalArgumentException("render memory budget must be at least 1MB: " + totalBytes);
        }
        this.totalBytes = totalBytes;
    }

    /** What a render holds until it closes it. */
    public final class Reservation implements AutoCloseable {
        private long bytes;

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        public long bytes() {
            return bytes;
        }

        @Override
        public void close() {
            synchronized (MemoryBudget.this) {
                usedBytes -= bytes;
                bytes = 0;
                MemoryBudget.this.notifyAll();
            }
        }
    }

    /**
     * Reserves {@code bytes}, waiting while the budget is spent.
     *
     * @throws ImageTooLargeException when the render could never fit, however long it waited
     * @throws RenderBusyException    when the deadline passes first
     */
    public Reservation reserve(long bytes, Deadline deadline) throws ImageTooLargeException, RenderBusyException {
        if (bytes > totalBytes) {
            throw ImageTooLargeException.overMemoryBudget();
        }
        synchronized (this) {
            waiting++;
            try {
                while (usedBytes + bytes > totalBytes) {
                    long left = deadline.remainingNanos();
                    if (left <= 0) {
                        throw new RenderBusyException();
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RenderBusyException();
                    }
                }
                usedBytes += bytes;
                return new Reservation(bytes);
            } finally {
                waiting--;
            }
        }
    }

    public long totalBytes() {
        return totalBytes;
    }

    public synchronized long usedBytes() {
        return usedBytes;
    }

    /** Renders waiting for memory right now. */
    public synchronized int waiting() {
        return waiting;
    }
}
