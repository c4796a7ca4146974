package io.imgfilter.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Makes signed, expiring image URLs that {@link SignatureVerifier} accepts: appends
 * {@code exp=}, then {@code kid=} when the signing key has an id, then {@code sig=}. Signs with the
 * first key of the ring. Immutable and safe to share between threads.
 *
 * <p>Expiries are whole Unix seconds. An {@link Instant} is rounded down to its second, so a link
 * never lives longer than asked; a lifetime counts from the signer's clock.
 *
 * <p>Arguments are checked: a null, a lifetime under one second, a path that is not
 * percent-encoded as a browser sends it or that already carries {@code exp}, {@code sig} or
 * {@code kid} throw {@link IllegalArgumentException}.
 */
public final class UrlSigner {

    /** The shortest lifetime accepted. */
    public static final Duration MIN_TTL = Duration.ofSeconds(1);

    private final KeyRing keys;
    private final SigningScheme scheme;
    private final Clock clock;

    public UrlSigner(KeyRing keys, SigningScheme scheme, Clock clock) {
        this.keys = requireArg(keys, "keys");
        this.scheme = requireArg(scheme, "scheme");
        this.clock = requireArg(clock, "clock");
    }

    /** A signer with the default scheme and the system clock. */
    public UrlSigner(KeyRing keys) {
        this(keys, SigningScheme.DEFAULT, Clock.systemUTC());
    }

    /**
     * Signs {@code rawPath} under {@link SigningScheme#PATH_AND_QUERY}, valid for {@code ttl}.
     *
     * @param rawPath the path as the browser will send it, percent-encoded, context path included,
     *                possibly with a query ({@code /images/small/a.jpg?foo=1})
     * @return {@code rawPath} with {@code exp}, maybe {@code kid}, and {@code sig} appended
     * @throws IllegalStateException when this signer uses another scheme
     */
    public String sign(String rawPath, Duration ttl) {
        return sign(rawPath, expiryAfter(ttl));
    }

    /**
     * Signs {@code rawPath} under {@link SigningScheme#PATH_AND_QUERY}, valid until {@code expires}
     * (rounded down to the second). An instant in the past is allowed, e.g. to show an expired link.
     *
     * @see #sign(String, Duration)
     */
    public String sign(String rawPath, Instant expires) {
        if (scheme != SigningScheme.PATH_AND_QUERY) {
            throw new IllegalStateException("scheme " + scheme.configName()
                    + " signs the image id and variant: use sign(rawPath, imageId, variant, expiry)");
        }
        PathAndQuery target = PathAndQuery.split(requireArg(rawPath, "rawPath"));
        String unsigned = withToken(target, epochSeconds(expires));
        return unsigned + "&sig=" + signature(unsigned);
    }

    /**
     * Signs an image URL under this signer's scheme, valid for {@code ttl}. Works with both
     * schemes, so a caller that knows the image and variant need not care which is configured.
     *
     * @param rawPath the path as the browser will send it (see {@link #sign(String, Duration)});
     *                under {@link SigningScheme#IMAGE_VARIANT_EXPIRY} it may not have a query
     * @param imageId the decoded source path, e.g. {@code 2024/cat one.jpg}; signed under
     *                {@link SigningScheme#IMAGE_VARIANT_EXPIRY} only (the path covers it otherwise)
     * @param variant the preset name or options segment; likewise
     */
    public String sign(String rawPath, String imageId, String variant, Duration ttl) {
        return sign(rawPath, imageId, variant, expiryAfter(ttl));
    }

    /** @see #sign(String, String, String, Duration) */
    public String sign(String rawPath, String imageId, String variant, Instant expires) {
        requireArg(imageId, "imageId");
        requireArg(variant, "variant");
        if (scheme == SigningScheme.PATH_AND_QUERY) {
            return sign(rawPath, expires);
        }
        PathAndQuery target = PathAndQuery.split(requireArg(rawPath, "rawPath"));
        if (target.query() != null && !target.query().isEmpty()) {
            throw new IllegalArgumentException("scheme " + scheme.configName()
                    + " signs only exp, so the path may not have other query parameters: " + rawPath);
        }
        long exp = epochSeconds(expires);
        return withToken(target, exp) + "&sig=" + signature(imageId + variant + exp);
    }

    /** The lower-case hex HMAC-SHA256 of {@code stringToSign} with the signing key. */
    public String signature(String stringToSign) {
        requireArg(stringToSign, "stringToSign");
        return Hex.encode(MessageBuffer.empty().append(stringToSign).macInto(keys.signingKey().hmac()));
    }

    public SigningScheme scheme() {
        return scheme;
    }

    /** The key new URLs are signed with. */
    public SigningKey signingKey() {
        return keys.signingKey();
    }

    private String withToken(PathAndQuery target, long exp) {
        StringBuilder url = new StringBuilder(target.path().length() + 96).append(target.path()).append('?');
        if (target.query() != null && !target.query().isEmpty()) {
            url.append(target.query()).append('&');
        }
        url.append("exp=").append(exp);
        SigningKey key = keys.signingKey();
        if (key.hasId()) {
            url.append("&kid=").append(key.id());
        }
        return url.toString();
    }

    private Instant expiryAfter(Duration ttl) {
        requireArg(ttl, "ttl");
        if (ttl.compareTo(MIN_TTL) < 0) {
            throw new IllegalArgumentException("ttl must be at least 1 second: " + ttl);
        }
        return clock.instant().plus(ttl);
    }

    private static long epochSeconds(Instant expires) {
        requireArg(expires, "expires");
        long seconds = expires.getEpochSecond(); // rounds down
        if (seconds < 1 || seconds > TokenQuery.MAX_EXP) {
            throw new IllegalArgumentException("expiry must lie between 1970-01-01T00:00:01Z and year 33658: " + expires);
        }
        return seconds;
    }

    static <T> T requireArg(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        return value;
    }

    @Override
    public String toString() {
        return "UrlSigner[scheme=" + scheme.configName() + ", signing key=" + keys.signingKey() + "]";
    }
}
