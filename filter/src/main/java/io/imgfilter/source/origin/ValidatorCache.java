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
 * an unchanged original crosses the network once.
 */
final class ValidatorCache {

    /** An original and what to revalidate it with (either may be null, not both). */
    record Entry(Original original, String etag, String lastModified) {
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

    /** Keeps the entry unless it is larger than a quarter of the capacity. */
    synchronized void put(String key, Entry entry) {
        remove(key);
        long bytes = entry.original().content().length;
        if (capacity == 0 || bytes > capacity / 4) {
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
