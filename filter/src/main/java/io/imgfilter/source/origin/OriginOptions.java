package io.imgfilter.source.origin;

import java.time.Duration;

/**
 * How the filter talks to a remote origin.
 *
 * @param connectTimeout  longest wait for a connection to open
 * @param timeout         longest wait for a whole original, from asking for a connection to the
 *                        last byte of the body; past it the client gets 504
 * @param maxConnections  most requests to the origin at once; more wait (within {@code timeout})
 * @param maxBytes        the largest original read (max-source-bytes); larger ones are refused
 * @param cacheBytes      memory for originals kept to revalidate with a conditional request; 0 for none
 * @param sharePublicly   whether results may be cached publicly even though the origin needs credentials
 * @param staleIfError    how long after the origin last confirmed an original its rendered variants
 *                        may still be served while the origin fails (refused, timed out, 5xx); zero
 *                        for never
 */
public record OriginOptions(Duration connectTimeout, Duration timeout, int maxConnections, long maxBytes,
        long cacheBytes, boolean sharePublicly, Duration staleIfError) {

    /** The default stale-if-error window ({@code origin-stale-if-error}). */
    public static final Duration DEFAULT_STALE_IF_ERROR = Duration.ofDays(1);

    /** With the default stale-if-error window. */
    public OriginOptions(Duration connectTimeout, Duration timeout, int maxConnections, long maxBytes, long cacheBytes,
            boolean sharePublicly) {
        this(connectTimeout, timeout, maxConnections, maxBytes, cacheBytes, sharePublicly, DEFAULT_STALE_IF_ERROR);
    }

    public OriginOptions {
        if (staleIfError.isNegative()) {
            throw new IllegalArgumentException("stale-if-error must not be negative");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxConnections < 1 || maxBytes < 1 || cacheBytes < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
