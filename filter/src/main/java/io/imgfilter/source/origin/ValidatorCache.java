package io.imgfilter.source.origin;

import io.imgfilter.source.Original;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The originals most recently fetched from an origin, with the validators ({@code ETag},
 * {@code Last-Modified}) the origin sent, bounded by their total size in bytes and evicted least
 * recently used first. When an image must be rendered again, the origin is asked with
 * {@code If-None-Match}/{@code If-Modified-Since} and a {@code 304} reuses the bytes kept here, so
 * an unchanged original crosses the network once. An original the origin confirmed less than
 * {@link HttpOriginSource#RECHECK_AFTER} ago is used without asking again: a request asks for
 * the original's version first and for its bytes right after, when the variant must be rendered.
 */
final class ValidatorCache {

    /**
     * An original, what to revalidate it with (either or both may be null), and when the origin
     * last confirmed it ({@link System#nanoTime()}).
     */
    record Entry(Original original, String etag, String lastModified, long checkedAt) {

        boolean revalidatable() {
            return etag != null || lastModified != null;
        }

        Entry checkedNow() {
            return new Entry(original, etag, lastModified, System.nanoTime());
        }
    }

    private final long capacity;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long size;

    /** @param capacity total bytes of originals kept; 0 keeps nothing */
    ValidatorCache(long capacity) {
        this.capacity = capacity;
    }

    synchronized Entry get(String key) {
        return entries.get(key);
    }

    /** Keeps the entry unless it is larger than half the capacity. */
    synchronized void put(String key, Entry entry) {
        remove(key);
        long bytes = entry.original().content().length;
        if (capacity == 0 || bytes > capacity / 2) {
            return;
        }
        entries.put(key, entry);
        size += bytes;
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (size > capacity && eldest.hasNext()) {
            size -= eldest.next().getValue().original().content().length;
            eldest.remove();
        }
    }

    synchronized void remove(String key) {
        Entry removed = entries.remove(key);
        if (removed != null) {
            size -= removed.original().content().length;
        }
    }

    synchronized int count() {
        return entries.size();
    }

    synchronized long bytes() {
        return size;
    }
}
