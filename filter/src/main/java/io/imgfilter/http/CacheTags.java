package io.imgfilter.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The tag that names an original in {@code Surrogate-Key}/{@code Cache-Tag} headers, so that a
 * CDN can purge every variant of one original at once: {@code imgfilter-} and the first 12 bytes
 * of the SHA-256 of its decoded source path, URL-safe Base64 without padding. A hash, because
 * paths may hold spaces and commas, which separate tags; the same for every variant, size or
 * format, and for every node.
 */
public final class CacheTags {

    private CacheTags() {
    }

    /** @param decodedSourcePath the source path as the filter decodes it, e.g. {@code 2024/café.jpg} */
    public static String of(String decodedSourcePath) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(decodedSourcePath.getBytes(StandardCharsets.UTF_8));
            return "imgfilter-" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
