package io.imgfilter.render;

import java.io.IOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An original's bytes as an ImageIO stream, without the copy that ImageIO's memory cache makes,
 * and with a deadline: every read past it fails, so that a decoder which never looks at
 * {@code abort()} (the JDK's native JPEG reader between scans, for one) gives up at its next
 * read. It also notes whether the decoder tried to read past the end: a decoder that ran out of
 * data and made up the rest has not decoded the image.
 */
final class ByteArrayImageInputStream extends ImageInputStreamImpl {

    /** Thrown at the decoder's next read once the deadline has passed. */
    static final class DeadlinePassed extends IOException {
        DeadlinePassed() {
            super("render deadline passed", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** Single-byte reads between two looks at the clock. */
    private static final int CHECK_EVERY = 1 << 14;

    private final byte[] data;
    private final Deadline deadline;
    private int countdown = CHECK_EVERY;
    private boolean readPastEnd;

    ByteArrayImageInputStream(byte[] data, Deadline deadline) {
        this.data = data;
        this.deadline = deadline;
    }

    /** True once a read found no more data. */
    boolean readPastEnd() {
        return readPastEnd;
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        if (--countdown <= 0) {
            countdown = CHECK_EVERY;
            checkDeadline();
        }
        bitOffset = 0;
        if (streamPos >= data.length) {
            readPastEnd = true;
            return -1;
        }
        return data[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        checkDeadline();
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException();
        }
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= data.length) {
            readPastEnd = true;
            return -1;
        }
        int n = (int) Math.min(len, data.length - streamPos);
        System.arraycopy(data, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return data.length;
    }

    @Override
    public boolean isCached() {
        return true;
    }

    @Override
    public boolean isCachedMemory() {
        return true;
    }

    private void checkDeadline() throws DeadlinePassed {
        if (deadline.passed()) {
            throw new DeadlinePassed();
        }
    }
}
