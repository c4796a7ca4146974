package io.imgfilter;

import io.imgfilter.source.Original;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The original's bytes when the version check of a request had to download them: the request's
 * render takes them instead of downloading again, and when nothing renders them (the variant
 * was cached, or the request failed) they are let go with the request, their share of the
 * render memory budget given back.
 */
final class PrefetchedOriginal implements Consumer<Original>, AutoCloseable {

    private Original original;

    @Override
    public synchronized void accept(Original downloaded) {
        close();
        original = downloaded;
    }

    /** The bytes, once: whoever takes them owns them. */
    synchronized Optional<Original> take() {
        Original taken = original;
        original = null;
        return Optional.ofNullable(taken);
    }

    @Override
    public synchronized void close() {
        if (original != null) {
            original.release();
            original = null;
        }
    }
}
