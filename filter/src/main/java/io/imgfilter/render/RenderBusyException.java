package io.imgfilter.render;

/**
 * No room now: the render queue is full, the render memory budget is spent until the deadline,
 * or the JVM itself ran short of memory. Another try later may succeed.
 */
public final class RenderBusyException extends RenderException {

    public RenderBusyException() {
        super("busy, try again shortly");
    }

    /** The JVM ran short of memory during this render (kept as the cause, for the log). */
    public RenderBusyException(OutOfMemoryError cause) {
        super("busy, try again shortly", cause);
    }

    @Override
    public boolean repeatable() {
        return false;
    }
}
