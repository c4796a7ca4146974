package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    private static final long MB = 1 << 20;

    @Test
    void reservationsAddUpAndAreGivenBack() throws Exception {
        MemoryBudget budget = new MemoryBudget(10 * MB);
        try (MemoryBudget.Reservation a = budget.reserve(4 * MB, Deadline.none());
             MemoryBudget.Reservation b = budget.reserve(6 * MB, Deadline.none())) {
            assertEquals(10 * MB, budget.usedBytes());
            assertEquals(4 * MB, a.bytes());
            assertEquals(6 * MB, b.bytes());
        }
        assertEquals(0, budget.usedBytes());
    }

    @Test
    void aDownloadGrowsWithoutWaitingAndShrinks() throws Exception {
        MemoryBudget budget = new MemoryBudget(10 * MB);
        MemoryBudget.Reservation download = budget.reserveNothing();
        assertTrue(download.tryGrow(6 * MB));
        try (MemoryBudget.Reservation render = budget.reserve(3 * MB, Deadline.none())) {
            assertTrue(!download.tryGrow(2 * MB), "never waits: no room for 2 MB more");
            assertEquals(9 * MB, budget.usedBytes(), "a refused growth takes nothing");
            download.shrink(4 * MB);
            assertTrue(download.tryGrow(2 * MB));
            assertEquals(4 * MB, download.bytes());
        }
        download.shrink(100 * MB);
        assertEquals(0, download.bytes(), "shrinks at most to nothing");
        assertEquals(0, budget.usedBytes());
        download.close();
        assertEquals(0, budget.usedBytes());
    }

    @Test
    void aRenderLargerThanTheWholeBudgetIsRefusedAtOnce() {
        MemoryBudget budget = new MemoryBudget(10 * MB);
        ImageTooLargeException refused = assertThrows(ImageTooLargeException.class,
                () -> budget.reserve(10 * MB + 1, Deadline.none()));
        assertTrue(refused.getMessage().contains("memory limit"), refused.getMessage());
        assertEquals(0, budget.usedBytes());
    }

    @Test
    void aRenderThatDoesNotFitNowIsBusyOnceItsDeadlineHasPassed() throws Exception {
        MemoryBudget budget = new MemoryBudget(10 * MB);
        AtomicLong clock = new AtomicLong(1_000);
        try (MemoryBudget.Reservation held = budget.reserve(8 * MB, Deadline.none())) {
            assertThrows(RenderBusyException.class, () -> budget.reserve(4 * MB, Deadline.at(999, clock::get)));
            assertEquals(8 * MB, budget.usedBytes(), "nothing was taken by the refused render");
        }
    }

    @Test
    void aWaitingRenderGoesAheadWhenMemoryIsGivenBack() throws Exception {
        MemoryBudget budget = new MemoryBudget(10 * MB);
        MemoryBudget.Reservation held = budget.reserve(8 * MB, Deadline.none());
        CompletableFuture<MemoryBudget.Reservation> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.reserve(4 * MB, Deadline.at(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));
            } catch (RenderException e) {
                throw new IllegalStateException(e);
            }
        });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (budget.waiting() == 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertEquals(1, budget.waiting(), "the second render waits for memory");
        held.close();
        MemoryBudget.Reservation granted = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(4 * MB, budget.usedBytes());
        granted.close();
        assertEquals(0, budget.usedBytes());
    }
}
