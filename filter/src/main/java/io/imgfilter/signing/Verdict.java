package io.imgfilter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The result of checking a signed image URL. Only {@link Valid} lets a request through; every
 * other verdict is a refusal (403), whose {@link #reason()} is meant for the server log and never
 * for the client. No verdict carries a key or the expected signature.
 */
public sealed interface Verdict permits Verdict.Valid, Verdict.Expired, Verdict.TooFarAhead, Verdict.Refused {

    /** Kinds of verdict, in the order the verifier checks them (see {@link SignatureVerifier}). */
    enum Outcome {
        /** Neither {@code exp} nor {@code sig} in the query: the URL was never signed. */
        MISSING,
        /** The token is unusable: a parameter missing, repeated or badly formed, an unknown
         *  {@code kid}, or (scheme image-variant-expiry) a parameter the signature does not cover. */
        MALFORMED,
        /** Well formed, but no key produces this signature for this URL. */
        BAD_SIGNATURE,
        /** Authentic, but its expiry (plus leeway) has passed. */
        EXPIRED,
        /** Authentic, but expires further ahead than the configured maximum lifetime. */
        TOO_FAR_AHEAD,
        /** Authentic and current. */
        VALID
    }

    Outcome outcome();

    /** A short explanation for server logs, e.g. {@code "expired 120s ago"} or {@code "bad signature"}. */
    String reason();

    default boolean isValid() {
        return outcome() == Outcome.VALID;
    }

    /**
     * An authentic, current token.
     *
     * @param expires   when the URL stops working (before the leeway)
     * @param remaining time left until {@code expires}; zero when only the leeway keeps it valid
     */
    record Valid(Instant expires, Duration remaining) implements Verdict {
        public Valid {
            Objects.requireNonNull(expires, "expires");
            Objects.requireNonNull(remaining, "remaining");
        }

        @Override
        public Outcome outcome() {
            return Outcome.VALID;
        }

        @Override
        public String reason() {
            return "valid, expires in " + remaining.toSeconds() + "s";
        }
    }

    /**
     * An authentic token past its expiry and leeway.
     *
     * @param expiredAt the expiry it carries
     * @param ago       how long ago that was
     */
    record Expired(Instant expiredAt, Duration ago) implements Verdict {
        public Expired {
            Objects.requireNonNull(expiredAt, "expiredAt");
            Objects.requireNonNull(ago, "ago");
        }

        @Override
        public Outcome outcome() {
            return Outcome.EXPIRED;
        }

        @Override
        public String reason() {
            return "expired " + ago.toSeconds() + "s ago";
        }
    }

    /**
     * An authentic token whose expiry lies beyond the verifier's maximum lifetime.
     *
     * @param expires     the expiry it carries
     * @param ahead       how far ahead of now that is
     * @param maxLifetime the configured maximum
     */
    record TooFarAhead(Instant expires, Duration ahead, Duration maxLifetime) implements Verdict {
        public TooFarAhead {
            Objects.requireNonNull(expires, "expires");
            Objects.requireNonNull(ahead, "ahead");
            Objects.requireNonNull(maxLifetime, "maxLifetime");
        }

        @Override
        public Outcome outcome() {
            return Outcome.TOO_FAR_AHEAD;
        }

        @Override
        public String reason() {
            return "expiry " + ahead.toSeconds() + "s ahead, beyond the max lifetime of "
                    + maxLifetime.toSeconds() + "s";
        }
    }

    /**
     * A token that is missing, malformed or wrongly signed.
     *
     * @param outcome {@link Outcome#MISSING}, {@link Outcome#MALFORMED} or {@link Outcome#BAD_SIGNATURE}
     * @param reason  what was wrong, without any request data
     */
    record Refused(Outcome outcome, String reason) implements Verdict {
        public Refused {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
            if (outcome != Outcome.MISSING && outcome != Outcome.MALFORMED && outcome != Outcome.BAD_SIGNATURE) {
                throw new IllegalArgumentException(outcome + " has its own verdict type");
            }
        }
    }
}
