package io.imgfilter.concurrent;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named {@code prefix-1}, {@code prefix-2}…, remembered until they have ended, so
 * that closing a pool can wait for its threads to be gone, not only for its tasks: a pool is
 * terminated while its last threads are still exiting, and a container that looks for threads a
 * webapp left behind (Tomcat does, when it stops one) would find them.
 */
public final class DaemonThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();
    private final Set<Thread> started = ConcurrentHashMap.newKeySet();

    public DaemonThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        started.removeIf(thread -> !thread.isAlive()); // those a pool let go when idle
        Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        started.add(thread);
        return thread;
    }

    /**
     * Stops the pool (interrupting what runs) and waits, at most {@code limit} in all, until its
     * tasks are done and its threads have ended.
     *
     * @return true when every thread has ended in time
     */
    public boolean shutDown(ExecutorService pool, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
            for (Thread thread : started) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        started.removeIf(thread -> !thread.isAlive());
        return started.isEmpty();
    }
}
