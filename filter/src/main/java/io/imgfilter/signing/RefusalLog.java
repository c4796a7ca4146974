package io.imgfilter.signing;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes refused image requests and their reason to the server log, at most a set number of lines
 * per interval so that a flood of bad links cannot flood the log; what is left out is counted and
 * reported in one "suppressed" line when the next interval begins (or on {@link #flush()}).
 *
 * <p>Lock-free: a few atomic counters, approximate at interval boundaries. Logs through
 * {@link System#getLogger(String)}: expired and unsigned requests at INFO, the others at WARNING.
 * Lines hold the outcome's reason and the request path (shortened to {@value #MAX_PATH_CHARS}
 * characters, control characters escaped); never a key nor a signature.
 */
public final class RefusalLog {

    public static final String LOGGER_NAME = "io.imgfilter.signing";
    public static final int DEFAULT_MAX_LINES = 10;
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    static final int MAX_PATH_CHARS = io.imgfilter.logging.LogText.MAX_PATH_CHARS;

    private final Logger logger;
    private final int maxLinesPerInterval;
    private final long intervalMillis;
    private final Clock clock;

    private final AtomicLong intervalStart;
    private final AtomicLong linesInInterval = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    /**
     * @throws IllegalArgumentException when {@code maxLinesPerInterval} is negative or the interval
     *                                  is shorter than a millisecond
     */
    public RefusalLog(Logger logger, int maxLinesPerInterval, Duration interval, Clock clock) {
        this.logger = Objects.requireNonNull(logger, "logger");
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

    /** {@value #DEFAULT_MAX_LINES} lines a minute to the logger {@value #LOGGER_NAME}. */
    public static RefusalLog create() {
        return new RefusalLog(System.getLogger(LOGGER_NAME), DEFAULT_MAX_LINES, DEFAULT_INTERVAL, Clock.systemUTC());
    }

    /**
     * Logs a refusal, unless the lines of this interval are used up. Valid verdicts are ignored.
     *
     * @param rawPath the request path as received, may be null
     */
    public void refused(Verdict verdict, String rawPath) {
        Objects.requireNonNull(verdict, "verdict");
        if (verdict.isValid()) {
            return;
        }
        Level level = levelOf(verdict);
        if (!logger.isLoggable(level)) {
            return;
        }
        startNewIntervalIfDue();
        if (linesInInterval.incrementAndGet() <= maxLinesPerInterval) {
            logger.log(level, "image request refused (" + verdict.reason() + "): " + printablePath(rawPath));
        } else {
            suppressed.incrementAndGet();
        }
    }

    /** Reports the refusals suppressed so far, if any; e.g. when the filter is taken out of service. */
    public void flush() {
        reportSuppressed();
    }

    /** Refusals not logged and not yet reported. */
    public long suppressedCount() {
        return suppressed.get();
    }

    private void startNewIntervalIfDue() {
        long now = clock.millis();
        long start = intervalStart.get();
        if (now - start >= intervalMillis && intervalStart.compareAndSet(start, now)) {
            linesInInterval.set(0);
            reportSuppressed();
        }
    }

    private void reportSuppressed() {
        long count = suppressed.getAndSet(0);
        if (count > 0) {
            logger.log(Level.WARNING, "suppressed " + count + " more image request refusal"
                    + (count == 1 ? "" : "s") + " (at most " + maxLinesPerInterval + " lines every "
                    + Duration.ofMillis(intervalMillis).toSeconds() + "s)");
        }
    }

    private static Level levelOf(Verdict verdict) {
        return switch (verdict.outcome()) {
            case EXPIRED, MISSING -> Level.INFO;
            default -> Level.WARNING;
        };
    }

    static String printablePath(String rawPath) {
        return io.imgfilter.logging.LogText.path(rawPath);
    }
}
