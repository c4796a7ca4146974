package io.imgfilter.source.origin;

import io.imgfilter.source.OriginException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether the origin can be reached, as nginx's {@code max_fails=1 fail_timeout} marks an
 * upstream down: once connecting failed (refused, unreachable, or no connection within
 * {@code origin-connect-timeout}), requests fail at once for a while instead of each waiting for
 * its own failure, so a dead origin holds no request threads and stale variants are answered
 * without delay. When the while is over one request tries again; if it cannot connect either,
 * the next while is twice as long, up to {@link #LONGEST}. Any answer from the origin, whatever
 * its status, ends it.
 */
final class OriginHealth {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofSeconds(30);

    private final LongSupplier clock;
    private OriginException lastFailure;
    private long failedAt;
    private long downUntil;
    private long backoffNanos;
    /** The thread trying again after a while, or null. */
    private Thread probe;

    /** @param clock nanoseconds */
    OriginHealth(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Null when the origin may be asked now; otherwise the failure to report without asking.
     * The first caller after a while is over is let through, alone, to try again.
     */
    synchronized OriginException refusal() {
        if (lastFailure == null) {
            return null;
        }
        long now = clock.getAsLong();
        if (now >= downUntil && probe == null) {
            probe = Thread.currentThread();
            return null;
        }
        String since = Duration.ofNanos(now - failedAt).toSeconds() + "s ago";
        String message = "origin not asked: connecting failed " + since + " (" + lastFailure.getMessage() + ")";
        return lastFailure.status() == OriginException.GATEWAY_TIMEOUT ? OriginException.timeout(message)
                : OriginException.unavailable(message, null);
    }

    /**
     * Connecting failed. The first failure marks the origin down for {@link #FIRST}; a failed
     * try after a while doubles it; requests that were under way when the origin went away
     * change nothing (a burst of them must not stretch the while to its longest at once).
     */
    synchronized void connectFailed(OriginException failure) {
        long now = clock.getAsLong();
        boolean tryFailed = probe == Thread.currentThread();
        if (lastFailure == null) {
            backoffNanos = FIRST.toNanos();
        } else if (tryFailed) {
            backoffNanos = Math.min(LONGEST.toNanos(), backoffNanos * 2);
            probe = null;
        } else {
            return;
        }
        lastFailure = failure;
        failedAt = now;
        downUntil = now + backoffNanos;
    }

    /** The origin answered (any status), or the exchange ended for a reason of its own. */
    synchronized void answered() {
        lastFailure = null;
        backoffNanos = 0;
        probe = null;
    }

    /** The calling thread's exchange ended; if it was the try and could not tell, another may try. */
    synchronized void undecided() {
        if (probe == Thread.currentThread()) {
            probe = null;
        }
    }
}
