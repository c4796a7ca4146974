package io.imgfilter.source.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.imgfilter.source.OriginException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OriginHealthTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final OriginHealth health = new OriginHealth(now::get);
    private final OriginException refused = OriginException.unavailable("refused", null);

    private void step(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void aBurstOfFailuresUnderWayMarksTheOriginDownForTheFirstWhileOnly() {
        for (int i = 0; i < 6; i++) {
            health.connectFailed(refused); // requests that were already connecting when it went away
        }
        assertNotNull(health.refusal());
        step(OriginHealth.FIRST);
        assertNull(health.refusal(), "one second later one request tries again");
    }

    @Test
    void onlyOneRequestTriesAndItsFailureDoublesTheWhile() throws Exception {
        health.connectFailed(refused);
        step(OriginHealth.FIRST);
        assertNull(health.refusal(), "this thread tries");
        assertEquals(502, CompletableFuture.supplyAsync(() -> health.refusal().status()).get(),
                "others do not while it does");
        health.connectFailed(refused); // the try failed: two seconds now
        step(OriginHealth.FIRST);
        assertNotNull(CompletableFuture.supplyAsync(health::refusal).get(), "still down after one second");
        step(OriginHealth.FIRST);
        assertNull(health.refusal());
        health.answered();
        assertNull(CompletableFuture.supplyAsync(health::refusal).get(), "an answer ends it for everyone");
    }

    @Test
    void aTryThatCouldNotTellLetsAnotherTry() throws Exception {
        health.connectFailed(refused);
        step(OriginHealth.FIRST);
        assertNull(health.refusal());
        health.undecided();
        assertNull(CompletableFuture.supplyAsync(health::refusal).get());
    }

    @Test
    void theWhileGrowsToThirtySecondsAtMost() {
        health.connectFailed(refused);
        for (int i = 0; i < 10; i++) {
            step(OriginHealth.LONGEST);
            assertNull(health.refusal());
            health.connectFailed(refused);
        }
        step(OriginHealth.LONGEST.minusMillis(1));
        assertNotNull(health.refusal());
        step(Duration.ofMillis(1));
        assertNull(health.refusal());
    }
}
