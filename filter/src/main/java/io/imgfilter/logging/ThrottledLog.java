package io.imgfilter.logging;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A log that writes at most a set number of lines per interval, so that a flood of bad requests
 * cannot flood the host's log; what is left out is counted and reported in one "suppressed"
 * line when the next interval begins (or on {@link #flush()}). One line per event, never a stack
 * trace unless asked for. Lock-free and approximate at interval boundaries.
 */
public final class ThrottledLog {

    public static final int DEFAULT_MAX_LINES = 10;
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private final Logger logger;
    private final String what;
    private final int maxLinesPerInterval;
    private final long intervalMillis;
    private final Clock clock;
    private final AtomicLong intervalStart;
    private final AtomicLong linesInInterval = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    /**
     * @param what names the events in the "suppressed" line, e.g. {@code failed renders}
     */
    public ThrottledLog(Logger logger, String what, int maxLinesPerInterval, Duration interval, Clock clock) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.what = Objects.requireNonNull(what, "what");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxLinesPerInterval < 0) {
            throw new IllegalArgumentException("max lines per interval must not be negative: " + maxLinesPerInterval);
        }
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("interval must be at least 1ms: " + interval);
        }
        this.maxLinesPerInterval = maxLinesPerInterval;
        this.intervalMillis = interval.toMillis();
        this.intervalStart = new AtomicLong(clock.millis());
    }

    /** {@value #DEFAULT_MAX_LINES} lines a minute. */
    public static ThrottledLog create(String loggerName, String what) {
        return new ThrottledLog(System.getLogger(loggerName), what, DEFAULT_MAX_LINES, DEFAULT_INTERVAL, Clock.systemUTC());
    }

    /** Logs one line, unless this interval's lines are used up. */
    public void log(Level level, String line) {
        log(level, line, null);
    }

    /** Logs one line with a throwable (for failures that are bugs, not input), within the same limit. */
    public void log(Level level, String line, Throwable thrown) {
        if (!logger.isLoggable(level)) {
            return;
        }
        rollInterval();
        if (linesInInterval.incrementAndGet() > maxLinesPerInterval) {
            suppressed.incrementAndGet();
            return;
        }
        if (thrown == null) {
            logger.log(level, line);
        } else {
            logger.log(level, line, thrown);
        }
    }

    /** Reports what was suppressed so far, if anything. */
    public void flush() {
        long count = suppressed.getAndSet(0);
        if (count > 0) {
            logger.log(Level.WARNING, "imgfilter: " + count + " more " + what + " not logged");
        }
    }

    private void rollInterval() {
        long now = clock.millis();
        long start = intervalStart.get();
        if (now - start >= intervalMillis && intervalStart.compareAndSet(start, now)) {
            linesInInterval.set(0);
            flush();
        }
    }
}
