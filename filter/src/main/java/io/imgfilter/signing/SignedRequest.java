package io.imgfilter.signing;

import java.util.Objects;

/**
 * The parts of an image request that a signature may cover, as the filter received and parsed them.
 *
 * @param rawPath  the request path exactly as sent, context path included and percent-encoding
 *                 untouched ({@code HttpServletRequest.getRequestURI()})
 * @param rawQuery the query string as sent, without {@code '?'} ({@code getQueryString()}); may be null
 * @param imageId  the decoded source path, e.g. {@code 2024/cat one.jpg}; needed by
 *                 {@link SigningScheme#IMAGE_VARIANT_EXPIRY} only, else may be null
 * @param variant  the preset name or raw options segment; needed by
 *                 {@link SigningScheme#IMAGE_VARIANT_EXPIRY} only, else may be null
 */
public record SignedRequest(String rawPath, String rawQuery, String imageId, String variant) {

    public SignedRequest {
        Objects.requireNonNull(rawPath, "rawPath");
    }

    /** A request for {@link SigningScheme#PATH_AND_QUERY}, which needs only path and query. */
    public static SignedRequest of(String rawPath, String rawQuery) {
        return new SignedRequest(rawPath, rawQuery, null, null);
    }

    /** A request for either scheme. */
    public static SignedRequest of(String rawPath, String rawQuery, String imageId, String variant) {
        return new SignedRequest(rawPath, rawQuery, imageId, variant);
    }

    /**
     * Splits a raw {@code path?query} (as in an {@code href}) at its first {@code '?'}; a
     * {@code #fragment}, which browsers do not send, is dropped.
     */
    public static SignedRequest ofPathAndQuery(String pathAndQuery, String imageId, String variant) {
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        int hash = pathAndQuery.indexOf('#');
        String sent = hash < 0 ? pathAndQuery : pathAndQuery.substring(0, hash);
        int question = sent.indexOf('?');
        return question < 0
                ? new SignedRequest(sent, null, imageId, variant)
                : new SignedRequest(sent.substring(0, question), sent.substring(question + 1), imageId, variant);
    }
}
