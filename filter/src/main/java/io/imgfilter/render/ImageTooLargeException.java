package io.imgfilter.render;

/**
 * The original, or what the request would make of it, is over a limit: pixels, the render
 * memory budget as a whole, or an output larger than {@code max-width} × {@code max-height}.
 */
public final class ImageTooLargeException extends RenderException {

    /** The limit that was hit, for the client's message: {@code image too large} and so on. */
    public ImageTooLargeException(String clientMessage) {
        super(clientMessage);
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
