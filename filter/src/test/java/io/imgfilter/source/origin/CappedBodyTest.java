package io.imgfilter.source.origin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.source.OriginalTooLargeException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class CappedBodyTest {

    private static final long MB = 1 << 20;

    /** A subscription that only notes what the subscriber asked of it. */
    private static final class FakeSubscription implements Flow.Subscription {
        boolean cancelled;
        long requested;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void memoryGrowsWithWhatArrivedNotWithWhatWasDeclared() {
        long before = allocatedBytes();
        CappedBody body = new CappedBody(25 * MB, true, 25 * MB);
        body.onSubscribe(new FakeSubscription());
        body.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 64 * 1024, "a slow answer declaring 25 MB holds what it sent: " + allocated + " bytes");
    }

    @Test
    void chunksAreJoinedInOrderFromHeapAndDirectBuffers() throws Exception {
        CappedBody body = new CappedBody(MB, true, -1);
        body.onSubscribe(new FakeSubscription());
        ByteBuffer direct = ByteBuffer.allocateDirect(2).put(new byte[] {4, 5}).flip();
        ByteBuffer sliced = ByteBuffer.wrap(new byte[] {9, 6, 7, 9}, 1, 2);
        body.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3}), direct));
        body.onNext(List.of(sliced, ByteBuffer.allocate(0)));
        body.onComplete();
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7}, body.getBody().toCompletableFuture().get().take());
    }

    @Test
    void anOriginalOverTheLimitIsRefusedAndTheConnectionDropped() {
        FakeSubscription declared = new FakeSubscription();
        CappedBody announced = new CappedBody(10, true, 11);
        announced.onSubscribe(declared);
        assertTrue(declared.cancelled, "refused from its Content-Length");
        assertInstanceOf(OriginalTooLargeException.class, cause(announced));

        FakeSubscription streamed = new FakeSubscription();
        CappedBody undeclared = new CappedBody(10, true, -1);
        undeclared.onSubscribe(streamed);
        undeclared.onNext(List.of(ByteBuffer.wrap(new byte[6])));
        undeclared.onNext(List.of(ByteBuffer.wrap(new byte[5])));
        assertTrue(streamed.cancelled, "refused at the byte too many");
        assertInstanceOf(OriginalTooLargeException.class, cause(undeclared));
    }

    @Test
    void anErrorBodyIsCutAtTheLimit() throws Exception {
        FakeSubscription subscription = new FakeSubscription();
        CappedBody body = new CappedBody(4, false, -1);
        body.onSubscribe(subscription);
        body.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3}), ByteBuffer.wrap(new byte[] {4, 5, 6})));
        assertTrue(subscription.cancelled);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, body.getBody().toCompletableFuture().get().take());
    }

    @Test
    void anOriginalsBytesAreCountedAsTheyArriveAndInOneArrayOnceProven() throws Exception {
        io.imgfilter.render.MemoryBudget budget = new io.imgfilter.render.MemoryBudget(8 * MB);
        io.imgfilter.render.MemoryBudget.Reservation memory = budget.reserveNothing();
        CappedBody body = new CappedBody(25 * MB, true, 3 * MB, memory);
        body.onSubscribe(new FakeSubscription());
        body.onNext(List.of(ByteBuffer.wrap(new byte[1000])));
        assertEquals(1000, budget.usedBytes(), "what arrived, not the 3 MB declared");
        body.onNext(List.of(ByteBuffer.wrap(new byte[CappedBody.PROVEN_BYTES])));
        assertEquals(3 * MB, budget.usedBytes(), "proven: the declared length, in one array");
        body.onNext(List.of(ByteBuffer.wrap(new byte[(int) (3 * MB) - CappedBody.PROVEN_BYTES - 1000])));
        body.onComplete();
        assertEquals(3 * MB, body.getBody().toCompletableFuture().get().take().length);
        assertEquals(3 * MB, memory.bytes(), "the reservation goes with the body to whoever takes it");
        memory.close();
        assertEquals(0, budget.usedBytes());
    }

    @Test
    void aBodyThatFindsTheBudgetSpentIsGivenUpAndGivesBackWhatItTook() throws Exception {
        io.imgfilter.render.MemoryBudget budget = new io.imgfilter.render.MemoryBudget(4 * MB);
        io.imgfilter.render.MemoryBudget.Reservation other = budget.reserveNothing();
        assertTrue(other.tryGrow(3 * MB));
        FakeSubscription subscription = new FakeSubscription();
        CappedBody undeclared = new CappedBody(25 * MB, true, -1, budget.reserveNothing());
        undeclared.onSubscribe(subscription);
        undeclared.onNext(List.of(ByteBuffer.wrap(new byte[512 * 1024])));
        undeclared.onNext(List.of(ByteBuffer.wrap(new byte[768 * 1024])));
        assertTrue(subscription.cancelled, "the connection is dropped");
        assertInstanceOf(io.imgfilter.source.SourceBusyException.class, cause(undeclared));
        assertEquals(3 * MB, budget.usedBytes(), "only the other reservation remains");

        CappedBody abandoned = new CappedBody(25 * MB, true, -1, budget.reserveNothing());
        FakeSubscription dropped = new FakeSubscription();
        abandoned.onSubscribe(dropped);
        abandoned.onNext(List.of(ByteBuffer.wrap(new byte[1000])));
        abandoned.abandon();
        assertTrue(dropped.cancelled);
        assertEquals(3 * MB, budget.usedBytes(), "an abandoned body gives back what it held");

        CappedBody tooLarge = new CappedBody(25 * MB, true, 5 * MB, budget.reserveNothing());
        FakeSubscription refused = new FakeSubscription();
        tooLarge.onSubscribe(refused);
        assertTrue(refused.cancelled, "declared larger than the whole budget: refused before reading");
        assertInstanceOf(OriginalTooLargeException.class, cause(tooLarge));
    }

    private static Throwable cause(CappedBody body) {
        return assertThrows(ExecutionException.class, () -> body.getBody().toCompletableFuture().get().take()).getCause();
    }
}
