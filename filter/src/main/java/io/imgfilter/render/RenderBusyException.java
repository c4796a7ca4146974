package io.imgfilter.render;

/**
 * No room now: the render queue is full, the render memory budget is spent until the deadline,
 * or the JVM itself ran short of memory. Another try later may succeed.
 */
public final class RenderBusyException extends RenderException {

    public RenderBusyException() {
        super("busy, try again shortly");
    }

    @Override
    public boolean repeatable() {
        return false;
    }
}
