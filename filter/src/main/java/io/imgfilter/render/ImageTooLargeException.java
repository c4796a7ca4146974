package io.imgfilter.render;

/**
 * The original, or what the request would make of it, is over a limit: pixels, the render
 * memory budget as a whole, or an output larger than {@code max-width} × {@code max-height}.
 */
public final class ImageTooLargeException extends RenderException {

    private final boolean aboutTheOriginal;

    /** The original is over a limit (pixels, scans): {@code image too large} and so on. */
    public ImageTooLargeException(String clientMessage) {
        this(clientMessage, true);
    }

    private ImageTooLargeException(String clientMessage, boolean aboutTheOriginal) {
        super(clientMessage);
        this.aboutTheOriginal = aboutTheOriginal;
    }

    /** This variant would need more memory than the whole render budget; a smaller one may not. */
    static ImageTooLargeException overMemoryBudget() {
        return new ImageTooLargeException("image too large to render within the memory limit", false);
    }

    @Override
    public boolean repeatable() {
        return true;
    }

    @Override
    public boolean aboutTheOriginal() {
        return aboutTheOriginal;
    }
}
