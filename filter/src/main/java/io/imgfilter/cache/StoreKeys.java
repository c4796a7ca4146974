package io.imgfilter.cache;

import io.imgfilter.http.CacheTags;
import java.util.List;

/**
 * The object key of a variant in the shared store, below the store's prefix:
 * {@code <tag of the original>/<ETag without quotes>}, e.g.
 * {@code imgfilter-3q2-7wAbCdEfGhIj/Xk3Jq0P9cZyWfQ1nVb2aLw}. The first part is the original's
 * {@link CacheTags cache tag} (a hash of its decoded source path), so every variant of one
 * original shares a prefix and can be listed or deleted together; the second is the ETag, which
 * names the version, the options and the renderer. Neither holds a token, a signature or a
 * secret: a key is the same for a signed and an unsigned URL of one variant.
 */
final class StoreKeys {

    private StoreKeys() {
    }

    /** The two key segments, unencoded (both are URL-safe Base64 with a fixed prefix). */
    static List<String> segments(VariantKey key) {
        return List.of(CacheTags.of(key.sourcePath()), bareEtag(key.etag()));
    }

    /** The ETag without its quotes (and without {@code W/}, which the filter never writes). */
    static String bareEtag(String etag) {
        String bare = etag.startsWith("W/") ? etag.substring(2) : etag;
        if (bare.length() >= 2 && bare.startsWith("\"") && bare.endsWith("\"")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        return bare;
    }
}
