package io.imgfilter.source;

import java.io.IOException;
import java.util.Optional;

/**
 * A remote origin failed to deliver an original: it refused the filter's credentials, answered
 * with a server error or something that is not an image, dropped the connection, or did not
 * answer in time. Carries the status the client gets: {@value #BAD_GATEWAY} or
 * {@value #GATEWAY_TIMEOUT}.
 *
 * <p>The message is for the server log at warning level: it says what went wrong ("origin
 * answered 503", "timed out after 10s") and never holds the origin's address, a path on it or a
 * credential. Clients only ever see the status and a fixed text.
 *
 * <p>When the origin failed in a way that says nothing about the original (refused, timed out,
 * a 5xx), the exception may carry the version the origin last confirmed, within the source's
 * stale-if-error window: variants already rendered from it may still be served.
 */
public final class OriginException extends IOException {

    public static final int BAD_GATEWAY = 502;
    public static final int GATEWAY_TIMEOUT = 504;

    private final int status;
    private final boolean transientFailure;
    private final SourceVersion lastKnownVersion;

    private OriginException(int status, String message, Throwable cause, boolean transientFailure,
            SourceVersion lastKnownVersion) {
        super(message, cause);
        this.status = status;
        this.transientFailure = transientFailure;
        this.lastKnownVersion = lastKnownVersion;
    }

    private OriginException(int status, String message, Throwable cause, boolean transientFailure) {
        this(status, message, cause, transientFailure, null);
    }

    /** The same failure, saying that variants of {@code version} may be served while it lasts. */
    public OriginException withLastKnownVersion(SourceVersion version) {
        return new OriginException(status, getMessage(), getCause(), transientFailure, version);
    }

    /**
     * True when the origin could not answer now (refused or dropped the connection, did not
     * answer in time, answered 5xx): a failure that says nothing about the original itself.
     */
    public boolean isTransient() {
        return transientFailure;
    }

    /**
     * The version the origin last confirmed, when this failure allows serving variants already
     * rendered from it (stale-if-error); empty when it does not or none is known.
     */
    public Optional<SourceVersion> lastKnownVersion() {
        return Optional.ofNullable(lastKnownVersion);
    }

    /**
     * The origin answered wrongly (credentials refused, not an image, a redirect away from its
     * base): 502.
     */
    public static OriginException badGateway(String message) {
        return new OriginException(BAD_GATEWAY, message, null, false);
    }

    /** As {@link #badGateway(String)}, keeping the cause for a debug-level log. */
    public static OriginException badGateway(String message, Throwable cause) {
        return new OriginException(BAD_GATEWAY, message, cause, false);
    }

    /**
     * The origin could not answer now: the connection was refused or dropped, or it answered
     * with a server error: 502, {@linkplain #isTransient() transient}. The cause is kept for a
     * debug-level log (may be null).
     */
    public static OriginException unavailable(String message, Throwable cause) {
        return new OriginException(BAD_GATEWAY, message, cause, true);
    }

    /** The origin did not answer within the configured time: 504, transient. */
    public static OriginException timeout(String message) {
        return new OriginException(GATEWAY_TIMEOUT, message, null, true);
    }

    /** The HTTP status to answer the client with: 502 or 504. */
    public int status() {
        return status;
    }

    /** The short text sent to the client: fixed, so nothing about the origin can leak through it. */
    public String clientMessage() {
        return status == GATEWAY_TIMEOUT ? "origin timed out" : "origin unavailable";
    }
}
