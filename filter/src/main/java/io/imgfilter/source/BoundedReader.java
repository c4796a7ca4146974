package io.imgfilter.source;

import java.io.IOException;
import java.io.InputStream;

/** Reads a whole stream but never more than a limit, so a huge original cannot exhaust memory. */
final class BoundedReader {

    private BoundedReader() {
    }

    static byte[] readAll(InputStream in, long maxBytes) throws IOException {
        int cap = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
        byte[] content = in.readNBytes(cap);
        if (content.length == cap && in.read() >= 0) {
            throw new OriginalTooLargeException(maxBytes);
        }
        return content;
    }
}
