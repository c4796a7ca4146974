package io.imgfilter.signing;

import io.imgfilter.signing.Verdict.Outcome;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Checks the {@code exp}/{@code sig}/{@code kid} token of an image request. Immutable and safe to
 * share between threads; a verification takes no lock and builds no intermediate strings.
 *
 * <p>Checks run in this order, and the first failure decides the verdict:
 * <ol>
 *   <li>{@link Outcome#MISSING}: the query has neither {@code exp} nor {@code sig}.</li>
 *   <li>{@link Outcome#MALFORMED}: {@code exp}, {@code sig} or {@code kid} repeated; {@code exp}
 *       or {@code sig} absent; under {@link SigningScheme#IMAGE_VARIANT_EXPIRY} any other query
 *       parameter; {@code exp} not 1 to 12 decimal digits without leading zero; {@code sig} not
 *       exactly 64 lower-case hex digits; a {@code kid} that names no key.</li>
 *   <li>{@link Outcome#BAD_SIGNATURE}: the signature does not match. With a {@code kid} only that
 *       key is tried, otherwise every key of the ring; each comparison is constant-time.</li>
 *   <li>{@link Outcome#EXPIRED}: {@code exp + leeway < now}.</li>
 *   <li>{@link Outcome#TOO_FAR_AHEAD}: a maximum lifetime is configured and
 *       {@code exp - now > maxLifetime + leeway}.</li>
 *   <li>{@link Outcome#VALID}.</li>
 * </ol>
 * The signature is checked before the expiry so that "expired" and "too far ahead" are only ever
 * said of authentic tokens: a tampered {@code exp} is reported as a bad signature.
 */
public final class SignatureVerifier {

    /** Accepted clock difference between the server that signs and the one that verifies. */
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);

    /** The largest leeway accepted: it is meant for clock differences, not for extending lifetimes. */
    public static final Duration MAX_LEEWAY = Duration.ofDays(1);

    private static final Verdict MISSING = new Verdict.Refused(Outcome.MISSING, "not signed: no exp and no sig");
    private static final Verdict BAD_SIGNATURE = new Verdict.Refused(Outcome.BAD_SIGNATURE, "bad signature");
    private static final Verdict MISSING_EXP = malformed("sig without exp");
    private static final Verdict MISSING_SIG = malformed("exp without sig");
    private static final Verdict DUPLICATE_EXP = malformed("duplicate exp");
    private static final Verdict DUPLICATE_SIG = malformed("duplicate sig");
    private static final Verdict DUPLICATE_KID = malformed("duplicate kid");
    private static final Verdict UNSIGNED_PARAM = malformed("query parameter not covered by the signature");
    private static final Verdict BAD_EXP = malformed("exp is not a positive decimal of at most 12 digits");
    private static final Verdict BAD_SIG = malformed("sig is not 64 lower-case hex digits");
    private static final Verdict UNKNOWN_KID = malformed("unknown kid");

    private final KeyRing keys;
    private final List<SigningKey> keyList;
    private final SigningScheme scheme;
    private final Clock clock;
    private final Duration leeway;
    private final Duration maxLifetime;
    private final long leewayMillis;
    private final long maxAheadMillis;

    private SignatureVerifier(Builder builder) {
        this.keys = builder.keys;
        this.keyList = keys.keys();
        this.scheme = builder.scheme;
        this.clock = builder.clock;
        this.leeway = builder.leeway;
        this.maxLifetime = builder.maxLifetime;
        this.leewayMillis = leeway.toMillis();
        this.maxAheadMillis = maxLifetime == null ? Long.MAX_VALUE : saturatedMillis(maxLifetime.plus(leeway));
    }

    /**
     * A builder set to the default scheme, the system clock, the default leeway and no maximum
     * lifetime.
     */
    public static Builder builder(KeyRing keys) {
        return new Builder(keys);
    }

    /** A verifier with the default leeway and no maximum lifetime. */
    public static SignatureVerifier of(KeyRing keys, SigningScheme scheme, Clock clock) {
        return builder(keys).scheme(scheme).clock(clock).build();
    }

    /**
     * @throws IllegalArgumentException under {@link SigningScheme#IMAGE_VARIANT_EXPIRY} when the
     *                                  request lacks its image id or variant (a caller's mistake,
     *                                  not a client's)
     */
    public Verdict verify(SignedRequest request) {
        Objects.requireNonNull(request, "request");
        if (scheme == SigningScheme.IMAGE_VARIANT_EXPIRY && (request.imageId() == null || request.variant() == null)) {
            throw new IllegalArgumentException("scheme " + scheme.configName() + " needs the request's imageId and variant");
        }
        TokenQuery token = TokenQuery.parse(request.rawQuery());
        if (token.expCount == 0 && token.sigCount == 0) {
            return MISSING;
        }
        Verdict malformed = structuralProblem(token);
        if (malformed != null) {
            return malformed;
        }
        long exp = token.expValue();
        if (exp < 0) {
            return BAD_EXP;
        }
        MessageBuffer buffer = MessageBuffer.empty();
        String query = token.query();
        if (!Hex.decodeLowerCase(query, token.sigFrom, token.sigTo, buffer.provided)) {
            return BAD_SIG;
        }
        SigningKey namedKey = null;
        if (token.kidCount == 1) {
            namedKey = keys.findById(query, token.kidFrom, token.kidTo);
            if (namedKey == null) {
                return UNKNOWN_KID;
            }
        }
        appendStringToSign(buffer, request, token);
        if (!signatureMatches(buffer, namedKey)) {
            return BAD_SIGNATURE;
        }
        return timeVerdict(exp);
    }

    private Verdict structuralProblem(TokenQuery token) {
        String duplicated = token.duplicatedParam();
        if (duplicated != null) {
            return switch (duplicated) {
                case TokenQuery.EXP -> DUPLICATE_EXP;
                case TokenQuery.SIG -> DUPLICATE_SIG;
                default -> DUPLICATE_KID;
            };
        }
        if (token.expCount == 0) {
            return MISSING_EXP;
        }
        if (token.sigCount == 0) {
            return MISSING_SIG;
        }
        if (scheme == SigningScheme.IMAGE_VARIANT_EXPIRY && token.hasOtherParams) {
            return UNSIGNED_PARAM;
        }
        return null;
    }

    private void appendStringToSign(MessageBuffer buffer, SignedRequest request, TokenQuery token) {
        if (scheme == SigningScheme.PATH_AND_QUERY) {
            buffer.append(request.rawPath()).append('?');
            token.appendWithoutSig(buffer);
        } else {
            // exp was checked to be canonical digits, so the received text is the decimal expiry
            buffer.append(request.imageId()).append(request.variant()).append(token.query(), token.expFrom, token.expTo);
        }
    }

    private boolean signatureMatches(MessageBuffer buffer, SigningKey namedKey) {
        if (namedKey != null) {
            return MessageDigest.isEqual(buffer.macInto(namedKey.hmac()), buffer.provided);
        }
        for (int i = 0; i < keyList.size(); i++) {
            if (MessageDigest.isEqual(buffer.macInto(keyList.get(i).hmac()), buffer.provided)) {
                return true;
            }
        }
        return false;
    }

    private Verdict timeVerdict(long exp) {
        long nowMillis = clock.millis();
        long expMillis = exp * 1000; // at most 12 digits: no overflow
        if (expMillis + leewayMillis < nowMillis) {
            return new Verdict.Expired(Instant.ofEpochSecond(exp), Duration.ofMillis(nowMillis - expMillis));
        }
        long aheadMillis = expMillis - nowMillis;
        if (aheadMillis > maxAheadMillis) {
            return new Verdict.TooFarAhead(Instant.ofEpochSecond(exp), Duration.ofMillis(aheadMillis), maxLifetime);
        }
        return new Verdict.Valid(Instant.ofEpochSecond(exp), Duration.ofMillis(Math.max(0, aheadMillis)));
    }

    private static long saturatedMillis(Duration duration) {
        try {
            return duration.toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static Verdict malformed(String what) {
        return new Verdict.Refused(Outcome.MALFORMED, "malformed: " + what);
    }

    public SigningScheme scheme() {
        return scheme;
    }

    public Duration leeway() {
        return leeway;
    }

    /** The maximum lifetime, or {@code null} when any future expiry is accepted. */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    @Override
    public String toString() {
        return "SignatureVerifier[scheme=" + scheme.configName() + ", " + keys + ", leeway=" + leeway
                + (maxLifetime == null ? "" : ", maxLifetime=" + maxLifetime) + "]";
    }

    /** Collects a verifier's settings; {@link #build()} checks them. */
    public static final class Builder {
        private final KeyRing keys;
        private SigningScheme scheme = SigningScheme.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private Duration leeway = DEFAULT_LEEWAY;
        private Duration maxLifetime;

        private Builder(KeyRing keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
        }

        public Builder scheme(SigningScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long after its expiry a URL is still accepted, for clock differences; 0 to 1 day. */
        public Builder leeway(Duration leeway) {
            this.leeway = Objects.requireNonNull(leeway, "leeway");
            return this;
        }

        /**
         * Refuse URLs that expire further ahead than this (plus the leeway), e.g. to bound the damage
         * of a leaked key or of a token minted with a huge lifetime; {@code null} for no maximum.
         */
        public Builder maxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
            return this;
        }

        /**
         * @throws IllegalArgumentException for a leeway outside 0 to {@link SignatureVerifier#MAX_LEEWAY} or a
         *                                  maximum lifetime that is not positive
         */
        public SignatureVerifier build() {
            if (leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
                throw new IllegalArgumentException("leeway must be between 0 and " + MAX_LEEWAY.toHours()
                        + "h (it allows for clock differences): " + leeway);
            }
            if (maxLifetime != null && (maxLifetime.isZero() || maxLifetime.isNegative())) {
                throw new IllegalArgumentException("max lifetime must be positive: " + maxLifetime);
            }
            return new SignatureVerifier(this);
        }
    }
}
