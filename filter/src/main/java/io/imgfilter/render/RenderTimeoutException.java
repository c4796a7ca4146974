package io.imgfilter.render;

/** The render ran past its deadline and was abandoned. */
public final class RenderTimeoutException extends RenderException {

    public RenderTimeoutException() {
        super("render timed out, try again shortly");
    }

    @Override
    public boolean repeatable() {
        return true;
    }
}
