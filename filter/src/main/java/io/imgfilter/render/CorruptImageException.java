package io.imgfilter.render;

/** Truncated, damaged, or decoded to nothing: there is no honest image to serve. */
public final class CorruptImageException extends RenderException {

    public CorruptImageException() {
        super("corrupt or unreadable image");
    }

    public CorruptImageException(Throwable cause) {
        super("corrupt or unreadable image", cause);
    }

    @Override
    public boolean repeatable() {
        return true;
    }

    @Override
    public boolean aboutTheOriginal() {
        return true;
    }
}
