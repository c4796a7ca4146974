package io.imgfilter.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.render.CorruptImageException;
import io.imgfilter.render.OutputTooLargeException;
import io.imgfilter.render.RenderTimeoutException;
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
        memory.remember("cat.jpg\0v1", "\"w200\"", corrupt);
        assertEquals(corrupt, memory.recall("cat.jpg\0v1", "\"w200\"").orElseThrow());
        assertEquals(corrupt, memory.recall("cat.jpg\0v1", "\"w300\"").orElseThrow(), "every variant of a corrupt original fails");
        assertTrue(memory.recall("cat.jpg\0v2", "\"v2w200\"").isEmpty(), "a new version of the original is tried afresh");
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertTrue(memory.recall("cat.jpg\0v1", "\"w200\"").isEmpty());
    }

    @Test
    void aFailureOfOneVariantLeavesTheOthersFree() {
        OutputTooLargeException tooTall = new OutputTooLargeException("height 5000000 over the limit of 2000");
        memory.remember("line.png\0v1", "\"contain1000\"", tooTall);
        assertEquals(tooTall, memory.recall("line.png\0v1", "\"contain1000\"").orElseThrow());
        assertTrue(memory.recall("line.png\0v1", "\"width10\"").isEmpty(), "a smaller variant of the same original may work");
        memory.remember("bomb.jpg\0v1", "\"w2000\"", new RenderTimeoutException());
        assertTrue(memory.recall("bomb.jpg\0v1", "\"w100\"").isEmpty(), "a smaller variant may decode in time");
        assertTrue(memory.recall("bomb.jpg\0v1", "\"w2000\"").isPresent());
    }

    @Test
    void aBusyFilterIsNotTheOriginalsFault() {
        memory.remember("cat.jpg\0v1", "\"w200\"", new RenderBusyException());
        assertTrue(memory.recall("cat.jpg\0v1", "\"w200\"").isEmpty());
        assertEquals(0, memory.size());
    }
}
