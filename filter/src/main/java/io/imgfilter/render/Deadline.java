package io.imgfilter.render;

import java.util.function.LongSupplier;

/**
 * When a render must stop. Checked between pipeline steps and inside every long loop (a row of
 * a resize, a scan of a decoder): past it, the work is abandoned with {@link RenderTimeoutException}
 * so that no thread stays busy after its request has been answered.
 */
public final class Deadline {

    private static final Deadline NONE = new Deadline(Long.MAX_VALUE, System::nanoTime);

    private final long deadlineNanos;
    private final LongSupplier clock;

    private Deadline(long deadlineNanos, LongSupplier clock) {
        this.deadlineNanos = deadlineNanos;
        this.clock = clock;
    }

    /** @param deadlineNanos a {@link System#nanoTime()} value */
    public static Deadline at(long deadlineNanos) {
        return deadlineNanos == Long.MAX_VALUE ? NONE : new Deadline(deadlineNanos, System::nanoTime);
    }

    /** A deadline read from another clock (tests). */
    public static Deadline at(long deadlineNanos, LongSupplier nanoClock) {
        return new Deadline(deadlineNanos, nanoClock);
    }

    public static Deadline none() {
        return NONE;
    }

    public boolean passed() {
        return deadlineNanos != Long.MAX_VALUE && clock.getAsLong() - deadlineNanos > 0;
    }

    /** Nanoseconds left, 0 when passed, {@link Long#MAX_VALUE} without a deadline. */
    public long remainingNanos() {
        return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadlineNanos - clock.getAsLong());
    }

    /** @throws RenderTimeoutException once the deadline has passed */
    public void check() throws RenderTimeoutException {
        if (passed()) {
            throw new RenderTimeoutException();
        }
    }

    public long nanos() {
        return deadlineNanos;
    }
}
