package io.imgfilter.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.render.CorruptImageException;
import io.imgfilter.render.RenderBusyException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureMemoryTest {

    private final AtomicLong nanos = new AtomicLong();
    private final FailureMemory memory = new FailureMemory(Duration.ofSeconds(30), nanos::get);

    @Test
    void aRepeatableFailureIsRecalledUntilItExpires() {
        CorruptImageException corrupt = new CorruptImageException();
        memory.remember("cat.jpg\0v1", corrupt);
        assertEquals(corrupt, memory.recall("cat.jpg\0v1").orElseThrow());
        assertTrue(memory.recall("cat.jpg\0v2").isEmpty(), "a new version of the original is tried afresh");
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertTrue(memory.recall("cat.jpg\0v1").isEmpty());
    }

    @Test
    void aBusyFilterIsNotTheOriginalsFault() {
        memory.remember("cat.jpg\0v1", new RenderBusyException());
        assertTrue(memory.recall("cat.jpg\0v1").isEmpty());
        assertEquals(0, memory.size());
    }
}
