package io.imgfilter.http;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;

/**
 * Evaluates If-None-Match and If-Modified-Since (RFC 9110 §13) for a variant whose ETag and
 * modification time are known before it is rendered, so a revalidation costs no render.
 */
public final class Conditional {

    private Conditional() {
    }

    /** True when the client's copy is current and a 304 answers the request. */
    public static boolean notModified(HttpServletRequest request, String etag, Instant lastModified) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch, etag);
        }
        if (lastModified == null) {
            return false;
        }
        long since;
        try {
            since = request.getDateHeader("If-Modified-Since");
        } catch (IllegalArgumentException e) {
            return false;
        }
        return since >= 0 && lastModified.getEpochSecond() <= since / 1000;
    }

    /** Weak comparison, as If-None-Match requires: W/ prefixes are ignored. */
    private static boolean matches(String header, String etag) {
        String bare = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(bare)) {
                return true;
            }
        }
        return false;
    }
}
