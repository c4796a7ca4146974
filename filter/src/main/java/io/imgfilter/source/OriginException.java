package io.imgfilter.source;

import java.io.IOException;

/**
 * A remote origin failed to deliver an original: it refused the filter's credentials, answered
 * with a server error or something that is not an image, dropped the connection, or did not
 * answer in time. Carries the status the client gets: {@value #BAD_GATEWAY} or
 * {@value #GATEWAY_TIMEOUT}.
 *
 * <p>The message is for the server log at warning level: it says what went wrong ("origin
 * answered 503", "timed out after 10s") and never holds the origin's address, a path on it or a
 * credential. Clients only ever see the status and a fixed text.
 */
public final class OriginException extends IOException {

    public static final int BAD_GATEWAY = 502;
    public static final int GATEWAY_TIMEOUT = 504;

    private final int status;

    private OriginException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The origin answered wrongly or not at all: 502. */
    public static OriginException badGateway(String message) {
        return new OriginException(BAD_GATEWAY, message, null);
    }

    /** As {@link #badGateway(String)}, keeping the cause for a debug-level log. */
    public static OriginException badGateway(String message, Throwable cause) {
        return new OriginException(BAD_GATEWAY, message, cause);
    }

    /** The origin did not answer within the configured time: 504. */
    public static OriginException timeout(String message) {
        return new OriginException(GATEWAY_TIMEOUT, message, null);
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
