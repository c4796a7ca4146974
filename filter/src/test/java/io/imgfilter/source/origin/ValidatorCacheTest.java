package io.imgfilter.source.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.source.SourceVersion;
import org.junit.jupiter.api.Test;

class ValidatorCacheTest {

    private static ValidatorCache.Entry entry(int bytes) {
        return new ValidatorCache.Entry(new SourceVersion(null, "v" + bytes), "\"e\"", null, 1, new byte[bytes]);
    }

    @Test
    void bytesAreBoundedLeastRecentlyUsedOutAndTheirValidatorsStay() {
        ValidatorCache cache = new ValidatorCache(1000);
        cache.put("a", entry(200));
        cache.put("b", entry(200));
        cache.put("c", entry(200));
        cache.get("a");
        cache.put("d", entry(200));
        cache.put("e", entry(200));
        assertEquals(1000, cache.bytes());
        cache.put("f", entry(200));
        assertFalse(cache.get("b").hasContent(), "b was used least recently: its bytes went");
        assertEquals("\"e\"", cache.get("b").etag(), "and its validators stayed");
        assertTrue(cache.get("a").hasContent());
        assertEquals(6, cache.count());
        assertEquals(1000, cache.bytes());
    }

    @Test
    void largeOriginalsKeepTheirValidatorsWithoutTheirBytes() {
        ValidatorCache cache = new ValidatorCache(1000);
        cache.put("big", entry(501));
        assertEquals(1, cache.count());
        assertFalse(cache.get("big").hasContent());
        assertEquals("v501", cache.get("big").version().tag());
        assertEquals(0, cache.bytes());
        cache.put("a", entry(100));
        cache.put("a", entry(50));
        assertEquals(50, cache.bytes());
        cache.remove("a");
        assertEquals(0, cache.bytes());
        ValidatorCache off = new ValidatorCache(0);
        off.put("a", entry(1));
        assertEquals(1, off.count(), "validators are kept even when no bytes are");
        assertFalse(off.get("a").hasContent());
    }

    @Test
    void validatorsAreBoundedInNumber() {
        ValidatorCache cache = new ValidatorCache(1000, 3);
        for (String key : new String[] {"a", "b", "c"}) {
            cache.put(key, entry(100));
        }
        cache.get("a");
        cache.put("d", entry(100));
        assertEquals(3, cache.count());
        assertNull(cache.get("b"), "the least recently used entry went");
        assertNotNull(cache.get("a"));
        assertEquals(300, cache.bytes(), "its bytes with it");
    }
}
