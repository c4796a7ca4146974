package io.imgfilter.source;

import java.time.Instant;

/**
 * The bytes of an original image and what is known of its version.
 *
 * @param content      the encoded image, at most the source's byte limit
 * @param lastModified when it last changed, or null when the source cannot tell
 * @param version      a short opaque text that changes whenever the content changes (for
 *                     cache keys and ETags), e.g. modification time and length
 */
public record Original(byte[] content, Instant lastModified, String version) {
}
