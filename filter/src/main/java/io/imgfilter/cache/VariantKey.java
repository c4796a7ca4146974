package io.imgfilter.cache;

import java.util.Objects;

/**
 * What names one rendered variant in the result caches: its ETag (which already names the
 * original's version, the options and the renderer), and the decoded source path of the original
 * it was made from, which the shared store files every variant of one original under.
 *
 * @param etag       the variant's strong ETag, quotes included: the memory and disk key
 * @param sourcePath the decoded source path, e.g. {@code 2024/café.jpg}; null when unknown, and
 *                   then the shared store is not asked
 */
public record VariantKey(String etag, String sourcePath) {

    public VariantKey {
        Objects.requireNonNull(etag);
    }

    /** A key for memory and disk only. */
    public static VariantKey local(String etag) {
        return new VariantKey(etag, null);
    }
}
