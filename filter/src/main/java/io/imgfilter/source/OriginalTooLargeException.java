package io.imgfilter.source;

import java.io.IOException;

/** The original holds more bytes than the filter is configured to read. */
public final class OriginalTooLargeException extends IOException {

    public OriginalTooLargeException(long limit) {
        super("original is larger than the limit of " + limit + " bytes");
    }
}
