package io.imgfilter.render;

import java.io.IOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An original's bytes as an ImageIO stream, without the copy that ImageIO's memory cache makes,
 * and with a deadline: every read past it fails, so that a decoder which never looks at
 * {@code abort()} (the JDK's native JPEG reader between scans, for one) gives up at its next
 * read. It also notes whether the decoder tried to read past the end: a decoder that ran out of
 * data and made up the rest has not decoded the image.
 *
 * <p>A bulk read never runs past the next of the given boundaries (a JPEG's scan starts): the
 * native JPEG decoder takes its data 4 KB at a time and decodes all it was given before it reads
 * again, and 4 KB of a hostile file can hold a hundred scans of tens of milliseconds each. Read
 * to the next scan at most, it looks at the deadline at least once per scan.
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

    private static final int[] NO_BOUNDARIES = new int[0];

    private final byte[] data;
    private final Deadline deadline;
    private final int[] boundaries;
    private int countdown = CHECK_EVERY;
    private boolean readPastEnd;

    ByteArrayImageInputStream(byte[] data, Deadline deadline) {
        this(data, deadline, NO_BOUNDARIES);
    }

    /** @param boundaries ascending offsets that no bulk read crosses */
    ByteArrayImageInputStream(byte[] data, Deadline deadline, int[] boundaries) {
        this.data = data;
        this.deadline = deadline;
        this.boundaries = boundaries;
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
        int n = (int) Math.min(len, untilBoundary() - streamPos);
        System.arraycopy(data, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    /** The end of what one bulk read may return: the next boundary after the position, or the end. */
    private int untilBoundary() {
        int pos = (int) streamPos;
        int i = java.util.Arrays.binarySearch(boundaries, pos + 1);
        int next = i >= 0 ? i : -i - 1;
        return next < boundaries.length ? boundaries[next] : data.length;
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
