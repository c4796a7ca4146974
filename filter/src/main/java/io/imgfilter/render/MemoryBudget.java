package io.imgfilter.render;

import java.util.concurrent.TimeUnit;

/**
 * Heap that renders may use at once. Each render reserves its estimated working memory before
 * any pixel is decoded, and waits (until its deadline) while others hold the budget: the filter
 * runs inside the host's JVM, where an OutOfMemoryError is not an image problem but can take the
 * whole webapp down. A render larger than the whole budget is refused at once.
 *
 * <p>Originals being downloaded take their bytes from the same budget as they arrive
 * ({@link #reserveNothing()}, then {@link Reservation#tryGrow}): a download cannot wait on the
 * HTTP client's thread, so it is refused instead when the budget is spent, and the render it
 * is handed to counts those bytes as already reserved.
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
            synchronized (MemoryBudget.this) {
                return bytes;
            }
        }

        /** The size of the whole budget this reservation is part of. */
        public long budgetBytes() {
            return totalBytes;
        }

        /** True when this reservation was taken from {@code budget}. */
        public boolean isFrom(MemoryBudget budget) {
            return budget == MemoryBudget.this;
        }

        /** Adds {@code more} bytes at once if the budget has them now; never waits. */
        public boolean tryGrow(long more) {
            if (more < 0) {
                throw new IllegalArgumentException("negative growth: " + more);
            }
            synchronized (MemoryBudget.this) {
                if (usedBytes + more > totalBytes) {
                    return false;
                }
                usedBytes += more;
                bytes += more;
                return true;
            }
        }

        /** Gives back {@code less} of the bytes held (at most all of them). */
        public void shrink(long less) {
            synchronized (MemoryBudget.this) {
                long given = Math.min(Math.max(0, less), bytes);
                usedBytes -= given;
                bytes -= given;
                MemoryBudget.this.notifyAll();
            }
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

    /** A reservation of no bytes, to grow with {@link Reservation#tryGrow}. */
    public Reservation reserveNothing() {
        return new Reservation(0);
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
