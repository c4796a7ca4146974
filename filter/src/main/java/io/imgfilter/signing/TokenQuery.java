package io.imgfilter.signing;

/**
 * Where the token parameters sit in a raw query string, found in one pass without decoding or
 * copying anything. The query is split on {@code '&'}; a parameter's name is what precedes its
 * first {@code '='} and is compared byte for byte ({@code %73ig} is not {@code sig}).
 *
 * <p>A per-request result internal to this package: its fields are set by {@link #parse} and only
 * read afterwards. Of a repeated parameter the first occurrence is recorded (and the repetition
 * counted, for the verifier to refuse).
 */
final class TokenQuery {

    static final String EXP = "exp";
    static final String SIG = "sig";
    static final String KID = "kid";

    /** Longest accepted {@code exp}: 12 decimal digits reach the year 33658. */
    static final int MAX_EXP_DIGITS = 12;
    static final long MAX_EXP = 999_999_999_999L;

    private final String query;

    int expFrom = -1;
    int expTo = -1;
    int sigFrom = -1;
    int sigTo = -1;
    int kidFrom = -1;
    int kidTo = -1;
    private int sigParamFrom = -1;
    private int sigParamTo = -1;

    int expCount;
    int sigCount;
    int kidCount;
    /** Whether any parameter other than exp, sig and kid (an empty one included) is present. */
    boolean hasOtherParams;

    private TokenQuery(String query) {
        this.query = query;
    }

    /** @param rawQuery the query as received, without {@code '?'}; null or empty for none */
    static TokenQuery parse(String rawQuery) {
        TokenQuery parsed = new TokenQuery(rawQuery == null ? "" : rawQuery);
        parsed.scan();
        return parsed;
    }

    String query() {
        return query;
    }

    boolean hasAnyTokenParam() {
        return expCount + sigCount + kidCount > 0;
    }

    /** The name of the first token parameter that occurs more than once, or null. */
    String duplicatedParam() {
        if (expCount > 1) {
            return EXP;
        }
        if (sigCount > 1) {
            return SIG;
        }
        return kidCount > 1 ? KID : null;
    }

    /**
     * The value of {@code exp} when it is a plain positive decimal of at most
     * {@value #MAX_EXP_DIGITS} digits without leading zero, else -1.
     */
    long expValue() {
        return parseExp(query, expFrom, expTo);
    }

    static long parseExp(String text, int from, int to) {
        int digits = to - from;
        if (digits < 1 || digits > MAX_EXP_DIGITS || text.charAt(from) == '0') {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Appends the query with the {@code sig} parameter removed and every other one kept in order. */
    void appendWithoutSig(MessageBuffer buffer) {
        if (sigParamFrom < 0) {
            buffer.append(query);
        } else if (sigParamFrom == 0) {
            buffer.append(query, Math.min(sigParamTo + 1, query.length()), query.length());
        } else {
            buffer.append(query, 0, sigParamFrom - 1).append(query, sigParamTo, query.length());
        }
    }

    private void scan() {
        int length = query.length();
        if (length == 0) {
            return;
        }
        int from = 0;
        while (from <= length) {
            int to = query.indexOf('&', from);
            if (to < 0) {
                to = length;
            }
            classify(from, to);
            from = to + 1;
        }
    }

    private void classify(int from, int to) {
        int equals = query.indexOf('=', from);
        int nameTo = equals >= 0 && equals < to ? equals : to;
        int valueFrom = nameTo < to ? nameTo + 1 : to;
        if (isName(EXP, from, nameTo)) {
            if (expCount++ == 0) {
                expFrom = valueFrom;
                expTo = to;
            }
        } else if (isName(SIG, from, nameTo)) {
            if (sigCount++ == 0) {
                sigFrom = valueFrom;
                sigTo = to;
                sigParamFrom = from;
                sigParamTo = to;
            }
        } else if (isName(KID, from, nameTo)) {
            if (kidCount++ == 0) {
                kidFrom = valueFrom;
                kidTo = to;
            }
        } else {
            hasOtherParams = true;
        }
    }

    private boolean isName(String name, int from, int to) {
        return to - from == name.length() && query.startsWith(name, from);
    }
}
