package io.imgfilter.concurrent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void shuttingDownWaitsUntilEveryThreadHasEnded() throws Exception {
        List<Thread> seen = new CopyOnWriteArrayList<>();
        DaemonThreads threads = new DaemonThreads("test-pool");
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        CountDownLatch running = new CountDownLatch(4);
        for (int i = 0; i < 4; i++) {
            pool.execute(() -> {
                seen.add(Thread.currentThread());
                running.countDown();
                try {
                    new CountDownLatch(1).await(); // until interrupted by the shutdown
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertTrue(running.await(10, TimeUnit.SECONDS));
        assertTrue(seen.stream().allMatch(Thread::isDaemon));
        assertTrue(seen.stream().allMatch(t -> t.getName().startsWith("test-pool-")));
        assertTrue(threads.shutDown(pool, Duration.ofSeconds(10)));
        for (Thread thread : seen) {
            assertFalse(thread.isAlive(), thread.getName() + " has ended, not only its task");
        }
    }
}
