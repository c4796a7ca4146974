package io.imgfilter.source.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.imgfilter.source.Original;
import org.junit.jupiter.api.Test;

class ValidatorCacheTest {

    private static ValidatorCache.Entry entry(int bytes) {
        return new ValidatorCache.Entry(new Original(new byte[bytes], null, "v"), "\"e\"", null, System.nanoTime());
    }

    @Test
    void boundedByBytesLeastRecentlyUsedOut() {
        ValidatorCache cache = new ValidatorCache(1000);
        cache.put("a", entry(200));
        cache.put("b", entry(200));
        cache.put("c", entry(200));
        cache.get("a");
        cache.put("d", entry(200));
        cache.put("e", entry(200));
        assertEquals(1000, cache.bytes());
        cache.put("f", entry(200));
        assertNull(cache.get("b"), "b was used least recently");
        assertNotNull(cache.get("a"));
        assertEquals(5, cache.count());
        assertEquals(1000, cache.bytes());
    }

    @Test
    void largeOriginalsAreNotKeptAndReplacingCounts() {
        ValidatorCache cache = new ValidatorCache(1000);
        cache.put("big", entry(501));
        assertEquals(0, cache.count());
        cache.put("a", entry(100));
        cache.put("a", entry(50));
        assertEquals(50, cache.bytes());
        cache.remove("a");
        assertEquals(0, cache.bytes());
        ValidatorCache off = new ValidatorCache(0);
        off.put("a", entry(1));
        assertEquals(0, off.count());
    }
}
