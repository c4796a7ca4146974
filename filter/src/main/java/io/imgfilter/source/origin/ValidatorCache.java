package io.imgfilter.source.origin;

import io.imgfilter.source.Original;
import io.imgfilter.source.SourceVersion;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the filter knows of each original it fetched from an origin: the version and the
 * validators ({@code ETag}, {@code Last-Modified}) the origin sent, and when it last confirmed
 * them, for every original whatever its size, bounded by a number of entries; and, separately
 * bounded by their total size in bytes, the bytes of the most recently used ones.
 *
 * <p>Asking for a version sends {@code If-None-Match}/{@code If-Modified-Since}, and a 304 costs no
 * download, even for an original too large to keep in memory; asking for the bytes is answered
 * from here when they are kept, and is a download otherwise. The last confirmed version is also
 * what stale-if-error serves variants of while the origin fails. Entries and bytes are evicted
 * least recently used first; one original larger than half the byte capacity is not kept.
 */
final class ValidatorCache {

    /** Validators kept at most by default: a few hundred bytes each. */
    static final int DEFAULT_MAX_ENTRIES = 10_000;

    /**
     * An original's version and validators (either or both may be null), when the origin last
     * confirmed them (on the source's clock, in nanoseconds), and its bytes when they are kept.
     */
    record Entry(SourceVersion version, String etag, String lastModified, long checkedAt, byte[] content) {

        boolean revalidatable() {
            return etag != null || lastModified != null;
        }

        boolean hasContent() {
            return content != null;
        }

        /** The kept bytes as an original not counted in any budget: the cache holds them. */
        Original original() {
            return new Original(content, version.lastModified(), version.tag());
        }

        Entry confirmedAt(long now) {
            return new Entry(version, etag, lastModified, now, content);
        }

        Entry withoutContent() {
            return new Entry(version, etag, lastModified, checkedAt, null);
        }

        long contentBytes() {
            return content == null ? 0 : content.length;
        }
    }

    private final long contentCapacity;
    private final int maxEntries;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long contentBytes;

    /**
     * @param contentCapacity total bytes of originals kept; 0 keeps none (validators are still kept)
     * @param maxEntries      originals whose validators are kept at most
     */
    ValidatorCache(long contentCapacity, int maxEntries) {
        if (contentCapacity < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("capacity " + contentCapacity + ", entries " + maxEntries);
        }
        this.contentCapacity = contentCapacity;
        this.maxEntries = maxEntries;
    }

    ValidatorCache(long contentCapacity) {
        this(contentCapacity, DEFAULT_MAX_ENTRIES);
    }

    synchronized Entry get(String key) {
        return entries.get(key);
    }

    /** Keeps the entry, its bytes only if they are no larger than half the byte capacity. */
    synchronized void put(String key, Entry entry) {
        remove(key);
        if (entry.contentBytes() > contentCapacity / 2) {
            entry = entry.withoutContent();
        }
        entries.put(key, entry);
        contentBytes += entry.contentBytes();
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || contentBytes > contentCapacity) && eldest.hasNext()) {
            Map.Entry<String, Entry> next = eldest.next();
            if (entries.size() > maxEntries) {
                contentBytes -= next.getValue().contentBytes();
                eldest.remove();
            } else if (next.getValue().hasContent()) {
                contentBytes -= next.getValue().contentBytes();
                next.setValue(next.getValue().withoutContent()); // the validators stay
            }
        }
    }

    synchronized void remove(String key) {
        Entry removed = entries.remove(key);
        if (removed != null) {
            contentBytes -= removed.contentBytes();
        }
    }

    /** Originals whose validators are kept. */
    synchronized int count() {
        return entries.size();
    }

    /** Bytes of originals kept. */
    synchronized long bytes() {
        return contentBytes;
    }
}
