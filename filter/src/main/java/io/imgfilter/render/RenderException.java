package io.imgfilter.render;

/**
 * Why a render failed, in terms of the image, not of HTTP: {@code http/} decides the status.
 * Carries no stack trace: these are expected outcomes of hostile or broken input, thrown often,
 * and their message is safe to show a client (it never names a file, an origin or a secret).
 */
public abstract sealed class RenderException extends Exception
        permits UnsupportedImageException, ImageTooLargeException, CorruptImageException, RenderTimeoutException,
        RenderBusyException, OutputTooLargeException {

    RenderException(String message) {
        super(message, null, false, false);
    }

    RenderException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /**
     * True when the same request would fail the same way again: worth remembering briefly so
     * that repeated requests do not start the same expensive work (a busy filter is not).
     */
    public abstract boolean repeatable();

    /**
     * True when the failure lies in the original itself (corrupt, unsupported, too large), so
     * that every variant of it would fail alike; false when another size or fit might succeed.
     */
    public boolean aboutTheOriginal() {
        return false;
    }
}
