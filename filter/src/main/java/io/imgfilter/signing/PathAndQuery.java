package io.imgfilter.signing;

/**
 * A path to be signed, split at its first {@code '?'} and checked to be what a browser would send
 * unchanged: a signature over characters the browser re-encodes would never verify.
 *
 * @param path  starts with {@code '/'}
 * @param query the text after {@code '?'}, or null when there is no {@code '?'}
 */
record PathAndQuery(String path, String query) {

    /** Characters browsers or servers percent-encode or refuse in a request target. */
    private static final String MUST_BE_ENCODED = "\"#<>\\^`{|}";

    static PathAndQuery split(String rawPath) {
        if (!rawPath.startsWith("/")) {
            throw new IllegalArgumentException("the path to sign must start with '/': " + printable(rawPath));
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c <= ' ' || c >= 0x7F || MUST_BE_ENCODED.indexOf(c) >= 0) {
                throw new IllegalArgumentException("the path to sign must be percent-encoded as the browser sends it;"
                        + " found " + printable(String.valueOf(c)) + " at index " + i + " of " + printable(rawPath));
            }
        }
        int question = rawPath.indexOf('?');
        PathAndQuery split = question < 0
                ? new PathAndQuery(rawPath, null)
                : new PathAndQuery(rawPath.substring(0, question), rawPath.substring(question + 1));
        if (split.query != null && TokenQuery.parse(split.query).hasAnyTokenParam()) {
            throw new IllegalArgumentException("the path to sign already has an exp, sig or kid parameter: "
                    + printable(rawPath));
        }
        return split;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('[');
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append(']').toString();
    }
}
