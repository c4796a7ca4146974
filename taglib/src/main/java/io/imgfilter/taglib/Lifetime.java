package io.imgfilter.taglib;

import io.imgfilter.ImageUrls;
import io.imgfilter.config.Durations;
import io.imgfilter.signing.UrlSigner;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;
import java.util.Date;

/**
 * How long the signed URLs of one tag live: a lifetime counted from now ({@code ttl}) or a fixed
 * expiry ({@code expires}). Applies only to URLs that carry a token; public presets and filters
 * without signing ignore it.
 */
final class Lifetime {

    /** The accepted forms of {@code expires}, for messages. */
    static final String EXPIRES_FORMS = "a java.time.Instant, a java.util.Date, a Calendar, an OffsetDateTime or"
            + " ZonedDateTime, or ISO-8601 text such as 2030-01-01T00:00:00Z or 2030-01-01T02:00:00+02:00";

    private final Duration ttl;
    private final Instant expires;

    private Lifetime(Duration ttl, Instant expires) {
        this.ttl = ttl;
        this.expires = expires;
    }

    static Lifetime ttl(Duration ttl) {
        if (ttl.compareTo(UrlSigner.MIN_TTL) < 0) {
            throw new ImageTagException("ttl must be at least 1 second, not " + ttl.getSeconds() + "s");
        }
        return new Lifetime(ttl, null);
    }

    static Lifetime expires(Instant expires) {
        return new Lifetime(null, expires);
    }

    /**
     * The lifetime given by a tag's {@code ttl} and {@code expires} attributes, either of which may
     * be null or empty, or {@code fallback} when both are.
     */
    static Lifetime of(String ttlText, Object expiresValue, Lifetime fallback) {
        boolean hasTtl = ttlText != null && !ttlText.isEmpty();
        boolean hasExpires = expiresValue != null && !(expiresValue instanceof String s && s.isEmpty());
        if (hasTtl && hasExpires) {
            throw new ImageTagException("give either ttl or expires, not both");
        }
        if (hasTtl) {
            return parseTtl(ttlText);
        }
        if (hasExpires) {
            return expires(toInstant(expiresValue));
        }
        return fallback;
    }

    /** Parses {@code 3600}, {@code 90s}, {@code 30m}, {@code 1h}, {@code 1d} or {@code 2w}. */
    static Lifetime parseTtl(String text) {
        Duration ttl;
        try {
            ttl = Durations.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ImageTagException("ttl [" + text + "] is not valid; expected " + Durations.ALLOWED);
        }
        return ttl(ttl);
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Date date) {
            // not date.toInstant(): java.sql.Date refuses it
            return Instant.ofEpochMilli(date.getTime());
        }
        if (value instanceof Calendar calendar) {
            return Instant.ofEpochMilli(calendar.getTimeInMillis());
        }
        if (value instanceof TemporalAccessor temporal) {
            if (temporal.isSupported(ChronoField.INSTANT_SECONDS)) {
                return Instant.from(temporal);
            }
            throw new ImageTagException("expires [" + value + "] (" + value.getClass().getName()
                    + ") has no time zone, so it is no point in time; expected " + EXPIRES_FORMS);
        }
        if (value instanceof String text) {
            String trimmed = text.strip();
            try {
                return Instant.parse(trimmed);
            } catch (DateTimeException notUtc) {
                try {
                    return OffsetDateTime.parse(trimmed).toInstant();
                } catch (DateTimeException e) {
                    throw new ImageTagException("expires [" + text + "] is not an ISO-8601 instant; expected " + EXPIRES_FORMS);
                }
            }
        }
        throw new ImageTagException("expires cannot be a " + value.getClass().getName()
                + (value instanceof Number ? " (seconds or milliseconds?)" : "") + "; expected " + EXPIRES_FORMS);
    }

    String url(ImageUrls urls, String source, String preset) {
        return ttl != null ? urls.url(source, preset, ttl) : urls.url(source, preset, expires);
    }

    String flexibleUrl(ImageUrls urls, String source, String options) {
        return ttl != null ? urls.flexibleUrl(source, options, ttl) : urls.flexibleUrl(source, options, expires);
    }

    @Override
    public String toString() {
        return ttl != null ? "ttl " + ttl : "expires " + expires;
    }
}
