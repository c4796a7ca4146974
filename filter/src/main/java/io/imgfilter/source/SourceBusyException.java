package io.imgfilter.source;

import java.io.IOException;

/**
 * An original could not be read now because the render memory budget is spent by other
 * downloads and renders: the client gets 503 with {@code Retry-After}, as for a busy render.
 * Not the original's fault, so never remembered as a failure.
 */
public final class SourceBusyException extends IOException {

    public SourceBusyException(String message) {
        super(message, null);
    }
}
